package org.forumkit.spi.store;

import java.time.Instant;
import org.forumkit.model.BoardId;
import org.forumkit.model.Notification;
import org.forumkit.model.NotificationId;
import org.forumkit.model.TopicId;
import org.forumkit.model.UserId;
import org.forumkit.model.WatchLevel;

/**
 * The writes of the users' inboxes, reached from {@link StoreTransaction#notifications()}, in the transaction of
 * what causes them, so a notification is committed with its cause or not at all.
 */
public interface NotificationWriter extends NotificationReader {

    /**
     * Adds a notification, or folds it into the recipient's unread one with the same fold key: at most one unread
     * notification per (recipient, fold key) ever exists (a unique key in a database). Core folds only under the row
     * lock of what the key names (the topic of a reply, the post of a vote), so two folds of one key never race.
     */
    Notification add(NewNotification notification);

    /** Marks one of the recipient's notifications read; how many changed (0 or 1). */
    int markRead(UserId recipient, NotificationId id);

    /** Marks read the recipient's notifications about a topic whose (first) floor is at most {@code upToFloor}. */
    int markTopicRead(UserId recipient, TopicId topic, int upToFloor);

    /** Marks every notification of the recipient read. */
    int markAllRead(UserId recipient);

    /**
     * Sets a user's level on a topic. An explicit choice replaces any; an automatic one (starting or replying)
     * is only stored when the user has no row yet or an automatic one of a lower level, so it never overrides a
     * choice of the user.
     */
    void watchTopic(UserId user, TopicId topic, WatchLevel level, boolean explicit, Instant at);

    /** Sets a user's level on a board (always the user's choice). */
    void watchBoard(UserId user, BoardId board, WatchLevel level, Instant at);

    /**
     * Notifies the watchers of a new post in set-based statements (a database folds into their unread rows with one
     * update and inserts the rest with one {@code INSERT … SELECT}), never a statement per watcher; how many were
     * notified. Core calls it under the topic's row lock.
     */
    int notifyWatchers(WatcherFanOut fanOut);

    /** Deletes every user's notifications beyond their newest {@code keepNewest}; how many it deleted. */
    long purge(int keepNewest);
}
