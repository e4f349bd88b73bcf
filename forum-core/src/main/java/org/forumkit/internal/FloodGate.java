package org.forumkit.internal;

import java.time.Duration;
import java.time.Instant;
import org.forumkit.RateLimitedException;
import org.forumkit.model.Board;
import org.forumkit.model.FloodControl;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.forumkit.spi.store.PostingWindow;
import org.forumkit.spi.store.StoreTransaction;

/** Flood control of new topics and replies: a board's minimum interval between posts and cap per hour. */
final class FloodGate {
    private static final Duration HOUR = Duration.ofHours(1);

    private final AccessRules access;
    private final ForumClock clock;

    FloodGate(AccessRules access, ForumClock clock) {
        this.access = access;
        this.clock = clock;
    }

    /**
     * Refuses with {@link RateLimitedException} (and the time to wait) when the user posted in the board less than
     * the minimum interval ago or reached the hour's cap, and otherwise records the post, under the store's lock on
     * the user's posting record, so concurrent posts pass one by one. Moderators and boards without limits cost
     * nothing.
     */
    void check(StoreTransaction tx, Viewer viewer, Board board) {
        FloodControl limits = board.moderation().floodControl();
        if (limits.limitsNothing() || access.isModerator(viewer, board) || viewer.userId().isEmpty()) {
            return;
        }
        UserId user = viewer.userId().orElseThrow();
        Instant now = clock.now();
        PostingWindow window = tx.lockPostingWindow(user, board.id());
        if (!limits.minInterval().isZero() && window.lastPostAt() != null) {
            Instant allowed = window.lastPostAt().plus(limits.minInterval());
            if (now.isBefore(allowed)) {
                throw new RateLimitedException("at most one post every " + limits.minInterval() + " in board "
                        + board.id(), Duration.between(now, allowed));
            }
        }
        boolean fresh = window.windowStart() == null || !now.isBefore(window.windowStart().plus(HOUR));
        Instant start = fresh ? now : window.windowStart();
        int count = fresh ? 0 : window.windowCount();
        if (limits.maxPerHour() > 0 && count >= limits.maxPerHour()) {
            throw new RateLimitedException("at most " + limits.maxPerHour() + " posts an hour in board " + board.id(),
                    Duration.between(now, start.plus(HOUR)));
        }
        tx.savePostingWindow(user, board.id(), new PostingWindow(now, start, count + 1));
    }
}
