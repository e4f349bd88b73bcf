package org.forumkit.spi;

import java.util.Locale;
import java.util.Objects;
import org.forumkit.Notifications;
import org.forumkit.model.DeliveryChannel;
import org.forumkit.model.DeliveryId;
import org.forumkit.model.InboxEntry;
import org.forumkit.model.Viewer;

/**
 * A notification as a {@link NotificationSender} gets it: checked just before sending (still unread where the
 * sender skips read ones, still visible to the recipient, still wanted), with what the sender needs to word it.
 *
 * @param attempt          1 for the first try
 * @param unsubscribeToken a signed token that turns this channel off for this kind of notification, for
 *                         {@code forum.deliveries().unsubscribe(token)} behind the host's unsubscribe link
 */
public record OutgoingNotification(DeliveryId deliveryId, int attempt, DeliveryChannel channel,
        Viewer.Member recipient, InboxEntry entry, String unsubscribeToken) {
    public OutgoingNotification {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(unsubscribeToken, "unsubscribeToken");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
        }
    }

    /** The notification in words, in Simplified Chinese for {@code zh} locales and English otherwise. */
    public String text(Locale locale) {
        return Notifications.text(entry, locale);
    }
}
