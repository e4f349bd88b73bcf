package org.forumkit.spi.store;

import java.time.Instant;
import java.util.Objects;
import org.forumkit.model.Delivery;
import org.forumkit.model.DeliveryState;

/**
 * How an attempt ended: a final state (DELIVERED, DEAD, SKIPPED) with no next time, or PENDING again with the time
 * of the retry.
 *
 * @param error why it failed or was skipped (cut to {@link Delivery#MAX_ERROR}), or {@code null}
 */
public record DeliveryOutcome(DeliveryState state, Instant retryAt, String error, Instant at) {
    public DeliveryOutcome {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
        if (state == DeliveryState.IN_FLIGHT || (state == DeliveryState.PENDING) != (retryAt != null)) {
            throw new IllegalArgumentException("an outcome is final, or PENDING with a retry time: " + state + ", "
                    + retryAt);
        }
        error = Delivery.errorText(error);
    }

    public static DeliveryOutcome done(DeliveryState state, String error, Instant at) {
        return new DeliveryOutcome(state, null, error, at);
    }

    public static DeliveryOutcome retry(Instant retryAt, String error, Instant at) {
        return new DeliveryOutcome(DeliveryState.PENDING, Objects.requireNonNull(retryAt, "retryAt"), error, at);
    }
}
