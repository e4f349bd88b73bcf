package org.forumkit.spi.store;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.forumkit.model.BoardId;
import org.forumkit.model.Notification;
import org.forumkit.model.NotificationId;
import org.forumkit.model.NotificationKind;
import org.forumkit.model.TopicId;
import org.forumkit.model.UserId;
import org.forumkit.model.WatchLevel;

/**
 * The reads of the users' inboxes, reached from {@link StoreReader#notifications()}. A notification that counts on
 * ({@link NotificationWriter#countOn}) is read with what it counts now: its count, latest actor and time include the
 * topic's posts it counts on.
 */
public interface NotificationReader {

    Optional<Notification> notification(NotificationId id);

    /**
     * Up to {@code limit} of a user's notifications, newest (highest id) first, only of {@code kind} when given,
     * before {@code before} when given.
     */
    List<Notification> inbox(UserId recipient, Optional<NotificationKind> kind, Optional<NotificationId> before,
            int limit);

    /** How many unread notifications the user has, counting no further than {@code cap}. */
    long unreadCount(UserId recipient, long cap);

    /** The user's level on a topic, when set (explicitly or automatically). */
    Optional<WatchLevel> topicWatch(UserId user, TopicId topic);

    /** The user's level on a board, when set. */
    Optional<WatchLevel> boardWatch(UserId user, BoardId board);

    /**
     * The watchers of the fan-out (minus {@code skip}, only those of {@code onlyTo} when given) whether or not they
     * have an unread notification of its key: for a check one by one, and to find the addressed ones that watch.
     */
    Set<UserId> watchers(WatcherFanOut fanOut);
}
