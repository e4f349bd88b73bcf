package org.forumkit.spi.store;

import java.util.Objects;
import org.forumkit.model.Delivery;

/**
 * A delivery a node claimed: IN_FLIGHT until its lease ends, finished only with the claim's {@code token}, so a
 * node whose lease ran out (and whose delivery another node claimed since) cannot finish it.
 */
public record ClaimedDelivery(Delivery delivery, String token) {
    public ClaimedDelivery {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(token, "token");
    }
}
