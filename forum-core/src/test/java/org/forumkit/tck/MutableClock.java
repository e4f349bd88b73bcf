package org.forumkit.tck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock a test moves by hand; thread-safe. */
public final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** 2012-08-07 01:21 UTC, which is 09:21 in GMT+8: the seed thread's first floor. */
    public static MutableClock atSeedTime() {
        return new MutableClock(Instant.parse("2012-08-07T01:21:00Z"));
    }

    public Instant advance(Duration by) {
        return now.updateAndGet(at -> at.plus(by));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a MutableClock is always UTC");
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
