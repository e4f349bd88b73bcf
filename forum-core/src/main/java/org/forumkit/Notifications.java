package org.forumkit;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.forumkit.model.BoardId;
import org.forumkit.model.InboxEntry;
import org.forumkit.model.NotificationId;
import org.forumkit.model.NotificationKind;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.TopicId;
import org.forumkit.model.UnreadCount;
import org.forumkit.model.Viewer;
import org.forumkit.model.WatchLevel;

/**
 * A signed-in user's inbox: replies, quotes, votes, moderators' actions and resolved reports, written in the same
 * transaction as what caused them (enable with {@code Forum.builder().notifications(…)}). What the reader may no
 * longer see (a post deleted or moved out of sight) is left out when read.
 */
public interface Notifications {

    /**
     * The viewer's notifications, newest first, only of {@code kind} when given. A page may hold fewer entries than
     * asked when some are hidden (their post was deleted or moved out of the reader's sight since).
     */
    Page<InboxEntry, NotificationId> inbox(Viewer viewer, Optional<NotificationKind> kind,
            PageRequest<NotificationId> request);

    /** The viewer's unread count, counted up to the settings' display cap ({@code 99+}). */
    UnreadCount unread(Viewer viewer);

    /** The viewer's exact unread count, however large. */
    long unreadExact(Viewer viewer);

    /** Marks one of the viewer's notifications read; whether it changed. */
    boolean markRead(Viewer viewer, NotificationId id);

    /** Marks read the viewer's notifications about a topic up to a floor (they read that far); how many changed. */
    int markTopicRead(Viewer viewer, TopicId topic, int upToFloor);

    /** Marks all of the viewer's notifications read; how many changed. */
    int markAllRead(Viewer viewer);

    /**
     * Sets the viewer's level on a topic they may view; their choice, which starting and replying never override.
     * {@code WATCHING_FIRST_POST} is for boards only.
     */
    void watchTopic(Viewer viewer, TopicId topic, WatchLevel level);

    /** Sets the viewer's level on a board they may view. */
    void watchBoard(Viewer viewer, BoardId board, WatchLevel level);

    /** The viewer's level on a topic: {@code NORMAL} when none was set. */
    WatchLevel topicLevel(Viewer viewer, TopicId topic);

    /** The viewer's level on a board: {@code NORMAL} when none was set. */
    WatchLevel boardLevel(Viewer viewer, BoardId board);

    /** Keeps every user's newest {@code keepNewest} notifications and deletes the rest: for the host to schedule. */
    long purge(int keepNewest);

    /**
     * The entry in words, in Simplified Chinese for {@code zh} locales and English otherwise; host kinds get a
     * generic line (hosts word their own).
     */
    static String text(InboxEntry entry, Locale locale) {
        var n = entry.notification();
        String actor = n.actor() == null ? "" : n.actor().displayName();
        String key = "notification." + (n.kind().isHostKind() ? "HOST" : n.kind().name())
                + (n.count() > 1 ? ".folded" : "");
        return Messages.text(key, List.of(actor, entry.topicTitle(), n.floor(), n.count(),
                n.detail() == null ? "" : Messages.text("notification.detail." + n.detail(), List.of(), locale)),
                locale);
    }
}
