package org.forumkit;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a forum delivers notifications by its {@link org.forumkit.spi.NotificationSender}s. Start from {@link #of} with
 * the secret that signs unsubscribe links (the same on every node, at least 32 random bytes, kept like a password)
 * and change what you need with the {@code with…} methods.
 *
 * <p>Attempt {@code n} that fails is retried after {@code min(backoff × 2^(n-1), maxBackoff)}; after
 * {@code maxAttempts} attempts (or at once when the sender says it is hopeless) a delivery is DEAD. A claimed
 * delivery whose node stops is claimed again once its {@code lease} ends, so the lease must be longer than a
 * sender's longest attempt (its time-outs).
 */
public final class DeliverySettings {
    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final byte[] unsubscribeKey;
    private final int maxAttempts;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final Duration lease;
    private final Duration unsubscribeValidity;
    private final String node;

    private DeliverySettings(byte[] unsubscribeKey, int maxAttempts, Duration backoff, Duration maxBackoff,
            Duration lease, Duration unsubscribeValidity, String node) {
        if (unsubscribeKey.length < 32) {
            throw new IllegalArgumentException("the unsubscribe key must have at least 32 bytes, had "
                    + unsubscribeKey.length);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        positive("backoff", backoff);
        positive("maxBackoff", maxBackoff);
        positive("lease", lease);
        positive("unsubscribeValidity", unsubscribeValidity);
        if (maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is shorter than backoff " + backoff);
        }
        if (!NODE.matcher(Objects.requireNonNull(node, "node")).matches()) {
            throw new IllegalArgumentException("a node name is 1 to 64 of [A-Za-z0-9._:-], was '" + node + "'");
        }
        this.unsubscribeKey = unsubscribeKey.clone();
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.maxBackoff = maxBackoff;
        this.lease = lease;
        this.unsubscribeValidity = unsubscribeValidity;
        this.node = node;
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /**
     * 8 attempts, backoff 1 minute doubling up to 6 hours, leases of 5 minutes, unsubscribe links valid for 90 days,
     * a random node name.
     */
    public static DeliverySettings of(byte[] unsubscribeKey) {
        Objects.requireNonNull(unsubscribeKey, "unsubscribeKey");
        byte[] suffix = new byte[6];
        new SecureRandom().nextBytes(suffix);
        StringBuilder node = new StringBuilder("node-");
        for (byte b : suffix) {
            node.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return new DeliverySettings(unsubscribeKey, 8, Duration.ofMinutes(1), Duration.ofHours(6),
                Duration.ofMinutes(5), Duration.ofDays(90), node.toString());
    }

    public DeliverySettings withMaxAttempts(int value) {
        return new DeliverySettings(unsubscribeKey, value, backoff, maxBackoff, lease, unsubscribeValidity, node);
    }

    public DeliverySettings withBackoff(Duration first, Duration max) {
        return new DeliverySettings(unsubscribeKey, maxAttempts, first, max, lease, unsubscribeValidity, node);
    }

    public DeliverySettings withLease(Duration value) {
        return new DeliverySettings(unsubscribeKey, maxAttempts, backoff, maxBackoff, value, unsubscribeValidity, node);
    }

    public DeliverySettings withUnsubscribeValidity(Duration value) {
        return new DeliverySettings(unsubscribeKey, maxAttempts, backoff, maxBackoff, lease, value, node);
    }

    /** The name this node claims deliveries under (shown in the outbox, for operators). */
    public DeliverySettings withNode(String value) {
        return new DeliverySettings(unsubscribeKey, maxAttempts, backoff, maxBackoff, lease, unsubscribeValidity, value);
    }

    /** A copy of the key. */
    public byte[] unsubscribeKey() {
        return unsubscribeKey.clone();
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration backoff() {
        return backoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    public Duration lease() {
        return lease;
    }

    public Duration unsubscribeValidity() {
        return unsubscribeValidity;
    }

    public String node() {
        return node;
    }

    /** The pause before retrying after failed attempt {@code attempt} (1 for the first). */
    public Duration retryDelay(int attempt) {
        int doublings = Math.min(Math.max(attempt, 1) - 1, 30);
        Duration delay = backoff.multipliedBy(1L << doublings);
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }

    @Override
    public String toString() {
        // never the key
        return "DeliverySettings[maxAttempts=" + maxAttempts + ", backoff=" + backoff + ", maxBackoff=" + maxBackoff
                + ", lease=" + lease + ", unsubscribeValidity=" + unsubscribeValidity + ", node=" + node + "]";
    }
}
