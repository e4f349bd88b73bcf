package org.forumkit.spi.store;

import java.util.List;
import java.util.Optional;
import org.forumkit.model.Notification;
import org.forumkit.model.NotificationId;
import org.forumkit.model.NotificationKind;
import org.forumkit.model.UserId;

/** The reads of the users' inboxes, reached from {@link StoreReader#notifications()}. */
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
}
