package org.forumkit.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The host's clock as the services read it. */
final class ForumClock {
    private final Clock clock;

    ForumClock(Clock clock) {
        this.clock = clock;
    }

    /** Now, to the microsecond: every database keeps that much, so a round trip changes nothing. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
