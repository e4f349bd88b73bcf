package org.forumkit.model;

/** The store-assigned id of a {@link CreditEntry}; always positive. */
public record CreditEntryId(long value) implements Comparable<CreditEntryId> {
    public CreditEntryId {
        Ids.positive("CreditEntryId", value);
    }

    public static CreditEntryId of(long value) {
        return new CreditEntryId(value);
    }

    @Override
    public int compareTo(CreditEntryId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
