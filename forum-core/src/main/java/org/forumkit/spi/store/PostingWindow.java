package org.forumkit.spi.store;

import java.time.Instant;

/**
 * A user's posting record in a board for flood control: the last post and the current hour's window.
 *
 * @param lastPostAt  the last counted post, or {@code null} before the first
 * @param windowStart the start of the current hour window, or {@code null} before the first post
 * @param windowCount posts counted in that window
 */
public record PostingWindow(Instant lastPostAt, Instant windowStart, int windowCount) {
    public static final PostingWindow EMPTY = new PostingWindow(null, null, 0);

    public PostingWindow {
        if (windowCount < 0) {
            throw new IllegalArgumentException("windowCount must be >= 0, was " + windowCount);
        }
    }
}
