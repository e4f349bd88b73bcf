package org.forumkit.model;

import java.time.Duration;
import java.util.Objects;

/**
 * A board's limits on how fast one user posts (new topics and replies): at least {@code minInterval} between two
 * posts and at most {@code maxPerHour} posts in an hour (counted from the first post of the hour). Moderators are
 * not limited.
 *
 * @param minInterval {@link Duration#ZERO} for no minimum
 * @param maxPerHour  0 for no cap
 */
public record FloodControl(Duration minInterval, int maxPerHour) {
    public static final FloodControl OFF = new FloodControl(Duration.ZERO, 0);

    public FloodControl {
        Objects.requireNonNull(minInterval, "minInterval");
        if (minInterval.isNegative() || maxPerHour < 0) {
            throw new IllegalArgumentException("limits must not be negative: minInterval=" + minInterval
                    + ", maxPerHour=" + maxPerHour);
        }
    }

    public boolean limitsNothing() {
        return minInterval.isZero() && maxPerHour == 0;
    }
}
