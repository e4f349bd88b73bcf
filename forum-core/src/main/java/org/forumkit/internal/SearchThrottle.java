package org.forumkit.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.forumkit.RateLimitedException;
import org.forumkit.model.Viewer;

/**
 * Flood control of search on this node: at most so many searches (or previews) per member and for all anonymous
 * visitors together within a window ({@link org.forumkit.ForumSettings.SearchLimits}, one minute for previews). It guards the database from one busy client and holds
 * no forum state, so keeping it per node (not in the store) loses no invariant; the limit grows with the nodes.
 */
final class SearchThrottle {
    /** Viewers remembered at most; the least recently seen are forgotten first. */
    private static final int MAX_VIEWERS = 10_000;

    private final ForumClock clock;
    private final int perMember;
    private final int anonymous;
    private final Duration window;
    private final String what;
    private final Map<String, Deque<Instant>> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > MAX_VIEWERS;
        }
    };

    SearchThrottle(ForumClock clock, org.forumkit.ForumSettings.SearchLimits limits) {
        this(clock, limits.perMember(), limits.anonymous(), limits.window(), "searches");
    }

    /** The same flood control for another read that costs the server work, e.g. previews. */
    SearchThrottle(ForumClock clock, int perMember, int anonymous, String what) {
        this(clock, perMember, anonymous, Duration.ofMinutes(1), what);
    }

    private SearchThrottle(ForumClock clock, int perMember, int anonymous, Duration window, String what) {
        this.clock = clock;
        this.perMember = perMember;
        this.anonymous = anonymous;
        this.window = window;
        this.what = what;
    }

    /** Counts one search of the viewer, or throws {@link RateLimitedException} when the window is full. */
    synchronized void acquire(Viewer viewer) {
        String key = viewer.userId().map(id -> "u:" + id.value()).orElse("anonymous");
        int max = viewer.isAnonymous() ? anonymous : perMember;
        Instant now = clock.now();
        Deque<Instant> times = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) {
            times.pollFirst();
        }
        if (times.size() >= max) {
            throw new RateLimitedException("too many " + what, Duration.between(now, times.peekFirst().plus(window)));
        }
        times.addLast(now);
    }
}
