package org.forumkit.model;

/** The store-assigned id of a {@link Ban}; always positive. */
public record BanId(long value) implements Comparable<BanId> {
    public BanId {
        Ids.positive("BanId", value);
    }

    public static BanId of(long value) {
        return new BanId(value);
    }

    @Override
    public int compareTo(BanId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
