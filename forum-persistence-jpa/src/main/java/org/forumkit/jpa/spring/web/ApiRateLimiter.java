package org.forumkit.jpa.spring.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address, in bounded memory: at most {@code maxClients} buckets, in stripes that each
 * forget their least recently seen address when full (a forgotten client starts again with a full bucket, so
 * rotating addresses buys an attacker no more than new addresses would). IPv6 clients are counted per /64, the
 * block one subscriber usually holds.
 */
final class ApiRateLimiter {
    private static final int STRIPES = 64;

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Stripe[] stripes = new Stripe[STRIPES];

    ApiRateLimiter(double requestsPerSecond, int burst, int maxClients, LongSupplier nanoTime) {
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("forumkit.api.rate-limit.requests-per-second must be positive, not "
                    + requestsPerSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("forumkit.api.rate-limit.burst must be at least 1, not " + burst);
        }
        if (maxClients < STRIPES) {
            throw new IllegalArgumentException("forumkit.api.rate-limit.max-clients must be at least " + STRIPES
                    + ", not " + maxClients);
        }
        this.perNano = requestsPerSecond / 1e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe(maxClients / STRIPES);
        }
    }

    /** Takes a token for this client: 0 when it may go on, else the nanoseconds until it may try again. */
    long acquire(String address) {
        String key = key(address);
        Stripe stripe = stripes[Math.floorMod(key.hashCode() * 0x9E3779B9, STRIPES)];
        long now = nanoTime.getAsLong();
        synchronized (stripe) {
            Bucket bucket = stripe.get(key);
            if (bucket == null) {
                bucket = new Bucket(burst, now);
                stripe.put(key, bucket);
            }
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * perNano);
            bucket.at = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - bucket.tokens) / perNano);
        }
    }

    /** How many client addresses are remembered now. */
    int clients() {
        int n = 0;
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                n += stripe.size();
            }
        }
        return n;
    }

    /** The address as counted: IPv4 whole, IPv6 by its first 64 bits. */
    static String key(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return String.valueOf(address);
        }
        try {
            // a literal: no name lookup happens
            byte[] bytes = InetAddress.getByName(address.startsWith("[") ? address.substring(1,
                    address.length() - 1) : address).getAddress();
            if (bytes.length == 4) {
                return InetAddress.getByAddress(bytes).getHostAddress();
            }
            StringBuilder prefix = new StringBuilder("v6:");
            for (int i = 0; i < 8; i++) {
                prefix.append(String.format("%02x", bytes[i]));
            }
            return prefix.toString();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return address;
        }
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    private static final class Stripe extends LinkedHashMap<String, Bucket> {
        private static final long serialVersionUID = 1L;
        private final int capacity;

        Stripe(int capacity) {
            super(16, 0.75f, true);
            this.capacity = capacity;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > capacity;
        }
    }
}
