package org.forumkit.model;

/** The store-assigned id of a {@link Post}; always positive. */
public record PostId(long value) implements Comparable<PostId> {
    public PostId {
        Ids.positive("PostId", value);
    }

    public static PostId of(long value) {
        return new PostId(value);
    }

    @Override
    public int compareTo(PostId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
