package org.forumkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.Notifications;
import org.forumkit.ValidationException;
import org.forumkit.Violation;
import org.forumkit.model.Action;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.InboxEntry;
import org.forumkit.model.Notification;
import org.forumkit.model.NotificationId;
import org.forumkit.model.NotificationKind;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.PostState;
import org.forumkit.model.TopicId;
import org.forumkit.model.UnreadCount;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.forumkit.model.WatchLevel;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.PostInTopic;
import org.forumkit.spi.store.StoreReader;
import org.forumkit.spi.store.TopicInBoard;

/** The inbox API: reads re-check that the reader may still see what each notification is about. */
final class NotificationsService implements Notifications {
    /** The unread count a badge shows before it says "99+" (Discourse caps at 99 too). */
    static final int DISPLAY_CAP = 99;

    private final ForumStore store;
    private final AccessRules access;
    private final Notifier notifier;
    private final Paging paging;
    private final ForumClock clock;

    NotificationsService(ForumStore store, AccessRules access, Notifier notifier, Paging paging, ForumClock clock) {
        this.clock = clock;
        this.store = store;
        this.access = access;
        this.notifier = notifier;
        this.paging = paging;
    }

    @Override
    public Page<InboxEntry, NotificationId> inbox(Viewer viewer, Optional<NotificationKind> kind,
            PageRequest<NotificationId> request) {
        UserId me = me(viewer);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(request, "request");
        int size = request.size();
        paging.requireSize(size);
        return store.readOnly(reader -> {
            List<InboxEntry> entries = new ArrayList<>();
            Optional<NotificationId> cursor = request.optionalAfter();
            // hidden rows leave gaps: read on until the page is full or the inbox ends, a bounded number of rounds
            for (int round = 0; round < 4 && entries.size() < size; round++) {
                List<Notification> rows = reader.notifications().inbox(me, kind, cursor, size + 1);
                for (Notification n : rows) {
                    if (entries.size() == size) {
                        return Page.of(entries, entries.get(size - 1).notification().id());
                    }
                    shown(reader, viewer, n).ifPresent(entries::add);
                    cursor = Optional.of(n.id());
                }
                if (rows.size() <= size) {
                    return Page.of(entries, null);
                }
            }
            return Page.of(entries, cursor.orElse(null));
        });
    }

    /** The entry when the reader may still see what it is about. */
    Optional<InboxEntry> shown(StoreReader reader, Viewer viewer, Notification n) {
        if (n.postId() != null) {
            Optional<PostInTopic> target = reader.postInTopic(n.postId());
            if (target.isEmpty()) {
                return Optional.empty();
            }
            PostInTopic t = target.get();
            // news of a deletion outlives the post: it shows no content, only that the post is gone
            boolean aboutAction = n.kind().equals(NotificationKind.MODERATION)
                    || n.kind().equals(NotificationKind.REPORT_RESOLVED);
            boolean visible = aboutAction && t.post().state() == PostState.DELETED
                    ? access.decide(viewer, Action.VIEW, t.board(), Optional.of(t.topic())).allowed()
                    : notifier.mayRead(viewer, t.board(), t.topic(), t.post());
            return visible ? Optional.of(new InboxEntry(n, t.topic().title())) : Optional.empty();
        }
        if (n.topicId() != null) {
            Optional<TopicInBoard> topic = reader.topicInBoard(n.topicId());
            return topic.filter(t -> access.decide(viewer, Action.VIEW, t.board(), Optional.of(t.topic())).allowed())
                    .map(t -> new InboxEntry(n, t.topic().title()));
        }
        return Optional.of(new InboxEntry(n, ""));
    }

    @Override
    public UnreadCount unread(Viewer viewer) {
        UserId me = me(viewer);
        long counted = store.readOnly(reader -> reader.notifications().unreadCount(me, DISPLAY_CAP + 1L));
        return counted > DISPLAY_CAP ? new UnreadCount(DISPLAY_CAP, true) : new UnreadCount(counted, false);
    }

    @Override
    public long unreadExact(Viewer viewer) {
        UserId me = me(viewer);
        return store.readOnly(reader -> reader.notifications().unreadCount(me, Long.MAX_VALUE));
    }

    @Override
    public boolean markRead(Viewer viewer, NotificationId id) {
        UserId me = me(viewer);
        Objects.requireNonNull(id, "id");
        return store.inTransaction(tx -> tx.notifications().markRead(me, id)) > 0;
    }

    @Override
    public int markTopicRead(Viewer viewer, TopicId topic, int upToFloor) {
        UserId me = me(viewer);
        Objects.requireNonNull(topic, "topic");
        if (upToFloor < 1) {
            throw new ValidationException(List.of(Violation.of("upToFloor", "out_of_range")));
        }
        return store.inTransaction(tx -> tx.notifications().markTopicRead(me, topic, upToFloor));
    }

    @Override
    public int markAllRead(Viewer viewer) {
        UserId me = me(viewer);
        return store.inTransaction(tx -> tx.notifications().markAllRead(me));
    }

    @Override
    public void watchTopic(Viewer viewer, TopicId topic, WatchLevel level) {
        UserId me = me(viewer);
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(level, "level");
        if (level == WatchLevel.WATCHING_FIRST_POST) {
            throw new ValidationException(List.of(Violation.of("level", "invalid")));
        }
        store.inTransaction(tx -> {
            TopicInBoard target = tx.topicInBoard(topic).orElseThrow(() -> new NotFoundException(Kind.TOPIC, topic));
            access.require(viewer, Action.VIEW, target.board(), Optional.of(target.topic()));
            tx.notifications().watchTopic(me, topic, level, true, clock.now());
            // an unread entry of the topic counts its next posts on while, and only while, its reader watches
            if (level == WatchLevel.WATCHING) {
                tx.notifications().countOn(me, Notifier.foldKey(topic), target.topic().highestFloor() + 1);
            } else {
                tx.notifications().stopCounting(me, Notifier.foldKey(topic));
            }
            return null;
        });
    }

    @Override
    public void watchBoard(Viewer viewer, BoardId board, WatchLevel level) {
        UserId me = me(viewer);
        Objects.requireNonNull(board, "board");
        Objects.requireNonNull(level, "level");
        store.inTransaction(tx -> {
            Board target = tx.board(board).orElseThrow(() -> new NotFoundException(Kind.BOARD, board));
            access.require(viewer, Action.VIEW, target, Optional.empty());
            tx.notifications().watchBoard(me, board, level, clock.now());
            if (level != WatchLevel.WATCHING) {
                tx.notifications().stopCountingIn(me, board);
            }
            return null;
        });
    }

    @Override
    public WatchLevel topicLevel(Viewer viewer, TopicId topic) {
        UserId me = me(viewer);
        Objects.requireNonNull(topic, "topic");
        return store.readOnly(reader -> reader.notifications().topicWatch(me, topic)).orElse(WatchLevel.NORMAL);
    }

    @Override
    public WatchLevel boardLevel(Viewer viewer, BoardId board) {
        UserId me = me(viewer);
        Objects.requireNonNull(board, "board");
        return store.readOnly(reader -> reader.notifications().boardWatch(me, board)).orElse(WatchLevel.NORMAL);
    }

    @Override
    public long purge(int keepNewest) {
        if (keepNewest < 0) {
            throw new ValidationException(List.of(Violation.of("keepNewest", "out_of_range")));
        }
        return store.inTransaction(tx -> tx.notifications().purge(keepNewest));
    }

    /** Only signed-in users have an inbox. */
    private UserId me(Viewer viewer) {
        Objects.requireNonNull(viewer, "viewer");
        return access.author(viewer).id();
    }
}
