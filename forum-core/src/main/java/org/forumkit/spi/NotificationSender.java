package org.forumkit.spi;

import java.time.Duration;
import org.forumkit.model.DeliveryChannel;
import org.forumkit.model.NotificationKind;

/**
 * Delivers notifications outside the forum on one channel (mail, a webhook, …). The forum queues a delivery in the
 * notification's own transaction and a worker ({@code forum.deliveries().deliverDue(…)}) hands it to {@link #send}
 * outside any transaction; delivery is at least once, so a receiver that must not act twice keys on
 * {@link OutgoingNotification#deliveryId()}.
 */
public interface NotificationSender {

    DeliveryChannel channel();

    /**
     * Sends one notification. Returning means it was delivered; a {@link DeliveryException} says whether to try again;
     * any other exception counts as a failure worth retrying.
     */
    void send(OutgoingNotification notification);

    /** How long after the notification its delivery waits (for mail, so a user who reads it meanwhile gets none). */
    default Duration delay() {
        return Duration.ZERO;
    }

    /** Whether a delivery is skipped when its notification was read before it was sent. */
    default boolean skipWhenRead() {
        return false;
    }

    /** Whether a kind is delivered to users who made no choice about it on this channel; by default every kind. */
    default boolean enabledByDefault(NotificationKind kind) {
        return true;
    }
}
