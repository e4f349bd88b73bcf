package org.forumkit.spi.store;

import java.time.Instant;
import java.util.Objects;
import org.forumkit.model.DeliveryChannel;
import org.forumkit.model.NotificationId;
import org.forumkit.model.NotificationKind;
import org.forumkit.model.UserId;

/**
 * A delivery to queue for one notification on one channel, due at {@code dueAt}: only when the recipient has it
 * on (their own setting for the channel and kind, else {@code enabledByDefault}) and no open delivery of that
 * notification on that channel exists.
 */
public record NewDelivery(NotificationId notificationId, UserId recipient, NotificationKind kind,
        DeliveryChannel channel, boolean enabledByDefault, Instant dueAt, Instant at) {
    public NewDelivery {
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(at, "at");
    }
}
