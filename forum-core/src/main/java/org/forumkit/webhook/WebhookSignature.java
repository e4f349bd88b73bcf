package org.forumkit.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook request, for senders and receivers. The sender puts the time in
 * {@value #TIMESTAMP_HEADER} (Unix seconds) and {@code sha256=<hex>} in {@value #SIGNATURE_HEADER}, the hex being
 * HMAC-SHA256, keyed with the endpoint's secret, of {@code <timestamp>.<body>} (the raw body bytes); a receiver
 * computes the same over what it got, compares in constant time, and refuses a timestamp outside its replay window
 * (Stripe's scheme; GitHub's {@code X-Hub-Signature-256} has the same form without the timestamp). The delivery id in
 * {@value #DELIVERY_HEADER} stays the same across retries: receivers drop repeats by it.
 */
public final class WebhookSignature {
    public static final String SIGNATURE_HEADER = "X-Forumkit-Signature";
    public static final String TIMESTAMP_HEADER = "X-Forumkit-Timestamp";
    public static final String DELIVERY_HEADER = "X-Forumkit-Delivery";
    /** The replay window {@link #verify} is usually given: five minutes, as Stripe's libraries use. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private WebhookSignature() {
    }

    /** The {@value #SIGNATURE_HEADER} value for a body sent at {@code timestamp} (Unix seconds). */
    public static String sign(String secret, long timestamp, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(mac(secret, timestamp, body));
    }

    /**
     * Whether a request is genuine and fresh: the timestamp header is a number within {@code tolerance} of
     * {@code now}, and the signature header is {@code sha256=} and the right MAC (compared in constant time).
     */
    public static boolean verify(String secret, String timestampHeader, String signatureHeader, byte[] body,
            Instant now, Duration tolerance) {
        if (secret == null || timestampHeader == null || signatureHeader == null || body == null
                || !signatureHeader.startsWith("sha256=") || timestampHeader.length() > 19) {
            return false;
        }
        long timestamp;
        byte[] given;
        try {
            timestamp = Long.parseLong(timestampHeader);
            given = HexFormat.of().parseHex(signatureHeader.substring("sha256=".length()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            return false;
        }
        return MessageDigest.isEqual(mac(secret, timestamp, body), given);
    }

    private static byte[] mac(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
