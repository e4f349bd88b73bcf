package org.forumkit.spi.store;

import org.forumkit.model.PostState;

/**
 * How a topic's reply count and its board's post count move when a post is written or changes state: only visible
 * posts count, and floor 1 (the opening post) is never a reply. Every store applies these numbers instead of
 * working them out again.
 *
 * @param replies what to add to the topic's reply count
 * @param posts   what to add to the board's post count
 */
public record CounterDelta(long replies, long posts) {

    /** A new post on {@code floor} in {@code state}. */
    public static CounterDelta ofNew(int floor, PostState state) {
        return ofChange(floor, null, state);
    }

    /** A post on {@code floor} going from state {@code before} ({@code null}: not written yet) to {@code after}. */
    public static CounterDelta ofChange(int floor, PostState before, PostState after) {
        int visible = (after == PostState.VISIBLE ? 1 : 0) - (before == PostState.VISIBLE ? 1 : 0);
        return new CounterDelta(floor == 1 ? 0 : visible, visible);
    }

    /** Whether neither count moves. */
    public boolean isZero() {
        return replies == 0 && posts == 0;
    }
}
