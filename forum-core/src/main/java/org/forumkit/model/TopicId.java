package org.forumkit.model;

/** The store-assigned id of a {@link Topic}; always positive. */
public record TopicId(long value) implements Comparable<TopicId> {
    public TopicId {
        Ids.positive("TopicId", value);
    }

    public static TopicId of(long value) {
        return new TopicId(value);
    }

    @Override
    public int compareTo(TopicId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
