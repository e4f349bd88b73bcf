package org.forumkit;

import java.time.Duration;
import java.util.Objects;

/** The viewer acts too fast; {@link #retryAfter()} says how long to wait. */
public class RateLimitedException extends ForumException {
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public RateLimitedException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
