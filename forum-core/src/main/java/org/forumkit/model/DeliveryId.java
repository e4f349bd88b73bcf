package org.forumkit.model;

/** The store-assigned id of a {@link Delivery}; always positive. */
public record DeliveryId(long value) implements Comparable<DeliveryId> {
    public DeliveryId {
        Ids.positive("DeliveryId", value);
    }

    public static DeliveryId of(long value) {
        return new DeliveryId(value);
    }

    @Override
    public int compareTo(DeliveryId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
