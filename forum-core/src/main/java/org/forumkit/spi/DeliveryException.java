package org.forumkit.spi;

import java.util.Objects;

/**
 * A {@link NotificationSender} did not deliver, and says what to do: {@link Outcome#RETRY} later (a server that is
 * down or busy), give up at once ({@link Outcome#DEAD}: an address that does not exist, an endpoint that refuses for
 * good), or {@link Outcome#SKIP} it (the recipient has no address on this channel).
 */
public class DeliveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What becomes of the delivery. */
    public enum Outcome {
        RETRY, DEAD, SKIP
    }

    private final Outcome outcome;

    public DeliveryException(String message, Outcome outcome, Throwable cause) {
        super(message, cause);
        this.outcome = Objects.requireNonNull(outcome, "outcome");
    }

    public DeliveryException(String message, Outcome outcome) {
        this(message, outcome, null);
    }

    public static DeliveryException retry(String message, Throwable cause) {
        return new DeliveryException(message, Outcome.RETRY, cause);
    }

    public static DeliveryException dead(String message, Throwable cause) {
        return new DeliveryException(message, Outcome.DEAD, cause);
    }

    public static DeliveryException skip(String message) {
        return new DeliveryException(message, Outcome.SKIP, null);
    }

    public Outcome outcome() {
        return outcome;
    }

    /** Whether trying again cannot help. */
    public boolean permanent() {
        return outcome != Outcome.RETRY;
    }
}
