package org.forumkit.model;

/** The store-assigned id of a {@link Board}; always positive. */
public record BoardId(long value) implements Comparable<BoardId> {
    public BoardId {
        Ids.positive("BoardId", value);
    }

    public static BoardId of(long value) {
        return new BoardId(value);
    }

    @Override
    public int compareTo(BoardId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
