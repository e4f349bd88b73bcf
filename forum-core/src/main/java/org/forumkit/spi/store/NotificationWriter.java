package org.forumkit.spi.store;

import org.forumkit.model.Notification;
import org.forumkit.model.NotificationId;
import org.forumkit.model.TopicId;
import org.forumkit.model.UserId;

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

    /** Deletes every user's notifications beyond their newest {@code keepNewest}; how many it deleted. */
    long purge(int keepNewest);
}
