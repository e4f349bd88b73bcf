package org.forumkit.model;

/** The store-assigned id of a {@link Report}; always positive. */
public record ReportId(long value) implements Comparable<ReportId> {
    public ReportId {
        Ids.positive("ReportId", value);
    }

    public static ReportId of(long value) {
        return new ReportId(value);
    }

    @Override
    public int compareTo(ReportId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
