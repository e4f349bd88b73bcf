package org.forumkit.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One notification to be delivered on one channel: a row of the delivery outbox, written in the transaction of the
 * notification, claimed by one node at a time, retried with backoff until delivered or dead.
 *
 * @param attempts  how many times a node claimed it to send it
 * @param nextAt    when it may be claimed next (its due time, a retry's time or the end of a claim's lease);
 *                  {@code null} once final
 * @param lastError why the last attempt failed (at most 255 characters), or {@code null}
 */
public record Delivery(DeliveryId id, NotificationId notificationId, UserId recipient, DeliveryChannel channel,
        DeliveryState state, int attempts, Instant nextAt, String lastError, Instant createdAt, Instant updatedAt) {
    /** The longest {@link #lastError} a store keeps. */
    public static final int MAX_ERROR = 255;

    public Delivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must be >= 0, was " + attempts);
        }
        if (state.isOpen() != (nextAt != null)) {
            throw new IllegalArgumentException("an open delivery has a next time, a final one none: " + state
                    + " at " + nextAt);
        }
    }

    public Optional<Instant> optionalNextAt() {
        return Optional.ofNullable(nextAt);
    }

    public Optional<String> optionalLastError() {
        return Optional.ofNullable(lastError);
    }

    /** An error text cut to {@link #MAX_ERROR} characters (never in the middle of a surrogate pair). */
    public static String errorText(String error) {
        if (error == null || error.length() <= MAX_ERROR) {
            return error;
        }
        int end = Character.isHighSurrogate(error.charAt(MAX_ERROR - 1)) ? MAX_ERROR - 1 : MAX_ERROR;
        return error.substring(0, end);
    }
}
