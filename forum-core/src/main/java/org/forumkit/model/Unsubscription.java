package org.forumkit.model;

import java.util.Objects;

/** What a verified unsubscribe link turned off: one kind of notification on one channel for one user. */
public record Unsubscription(UserId user, DeliveryChannel channel, NotificationKind kind) {
    public Unsubscription {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(kind, "kind");
    }
}
