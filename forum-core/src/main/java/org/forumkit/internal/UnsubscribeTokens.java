package org.forumkit.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.forumkit.ValidationException;
import org.forumkit.Violation;
import org.forumkit.model.DeliveryChannel;
import org.forumkit.model.NotificationKind;
import org.forumkit.model.Unsubscription;
import org.forumkit.model.UserId;

/**
 * Signed one-click unsubscribe tokens: {@code u1.<user, base64url>.<channel>.<kind>.<expiry, epoch seconds>.<mac>},
 * the MAC an HMAC-SHA256 (the JDK's {@link Mac}) over everything before it, compared in constant time. Tokens are
 * URL-safe as they are.
 */
final class UnsubscribeTokens {
    private static final String VERSION = "u1";
    /** Far more than any token this forum gives out (user ids are at most 128 characters). */
    private static final int MAX_LENGTH = 512;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final Duration validity;

    UnsubscribeTokens(byte[] key, Duration validity) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.validity = validity;
    }

    String issue(Unsubscription what, Instant now) {
        String body = VERSION + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(what.user().value().getBytes(StandardCharsets.UTF_8))
                + "." + what.channel().name() + "." + what.kind().code() + "." + now.plus(validity).getEpochSecond();
        return body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(body));
    }

    /** What a genuine, unexpired token names; a {@link ValidationException} otherwise. */
    Unsubscription verify(String token, Instant now) {
        if (token == null || token.isEmpty() || token.length() > MAX_LENGTH) {
            throw invalid("malformed");
        }
        int cut = token.lastIndexOf('.');
        if (cut < 0) {
            throw invalid("malformed");
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(token.substring(cut + 1));
        } catch (IllegalArgumentException e) {
            throw invalid("malformed");
        }
        String body = token.substring(0, cut);
        // the signature first: nothing of an unsigned token is parsed or believed
        if (!MessageDigest.isEqual(mac(body), given)) {
            throw invalid("malformed");
        }
        String[] parts = body.split("\\.", -1);
        if (parts.length != 5 || !VERSION.equals(parts[0])) {
            throw invalid("malformed");
        }
        Unsubscription what;
        long expiry;
        try {
            what = new Unsubscription(
                    UserId.of(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)),
                    DeliveryChannel.of(parts[2]), new NotificationKind(Integer.parseInt(parts[3])));
            expiry = Long.parseLong(parts[4]);
        } catch (IllegalArgumentException e) {
            throw invalid("malformed");
        }
        if (now.getEpochSecond() > expiry) {
            throw invalid("expired");
        }
        return what;
    }

    private byte[] mac(String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    private static ValidationException invalid(String code) {
        return new ValidationException(List.of(Violation.of("token", code)));
    }
}
