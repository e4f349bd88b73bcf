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

    /**
     * Marks one of the recipient's notifications read; how many changed (0 or 1). One that counts on keeps counting
     * only up to its topic's last floor now.
     */
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
     * Notifies the watchers of a new post that have no unread notification of the fan-out's fold key yet, in one
     * set-based statement ({@code INSERT … SELECT … WHERE NOT EXISTS}), never a statement per watcher: a WATCHING
     * notification counting this post, counting on from {@link WatcherFanOut#countFrom()} (see {@link #countOn}).
     * Watchers that have an unread one are not written to at all: theirs counts on already. The fan-out's
     * {@code addressed} who watch get their unread notification (folded just before) counting on, in one more
     * statement when there are any. How many it added. Core calls it under the topic's row lock.
     */
    int notifyWatchers(WatcherFanOut fanOut);

    /**
     * Makes the recipient's unread notification of {@code foldKey} (a topic's fold) count on: from then on it counts,
     * besides what was folded into it, every post of its topic from floor {@code fromFloor} on that is visible and not
     * by the recipient, when it is read (the latest such post's author its actor, that post's time its time), up to
     * the topic's last floor when it is marked read. Does nothing when there is none or it counts on already. Folding
     * a post into a notification that counts on ({@link #add}) leaves its count alone: the post is counted on.
     */
    void countOn(UserId recipient, String foldKey, int fromFloor);

    /**
     * Stops the recipient's unread notification of {@code foldKey} counting on (its recipient stopped watching): what
     * it counts now is folded into it, and later posts are not counted. Does nothing when it does not count on.
     */
    void stopCounting(UserId recipient, String foldKey);

    /**
     * {@link #stopCounting} for each of the user's unread notifications that count on, about a topic of the board
     * that the user does not watch (WATCHING) on the topic itself: they stopped watching the board.
     */
    void stopCountingIn(UserId user, BoardId board);

    /** Deletes every user's notifications beyond their newest {@code keepNewest}; how many it deleted. */
    long purge(int keepNewest);
}
