package org.forumkit.model;

/**
 * Where a {@link Delivery} is: PENDING (waiting for its time), IN_FLIGHT (claimed by a node until its lease ends),
 * and the final DELIVERED, DEAD (failed too often, or for good) and SKIPPED (read meanwhile, no longer visible,
 * turned off, or no address). Stored as the ordinal: append only.
 */
public enum DeliveryState {
    PENDING, IN_FLIGHT, DELIVERED, DEAD, SKIPPED;

    /** Whether it can still be sent. */
    public boolean isOpen() {
        return this == PENDING || this == IN_FLIGHT;
    }
}
