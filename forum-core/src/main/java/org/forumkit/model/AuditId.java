package org.forumkit.model;

/** The store-assigned id of a {@link AuditEntry}; always positive. */
public record AuditId(long value) implements Comparable<AuditId> {
    public AuditId {
        Ids.positive("AuditId", value);
    }

    public static AuditId of(long value) {
        return new AuditId(value);
    }

    @Override
    public int compareTo(AuditId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
