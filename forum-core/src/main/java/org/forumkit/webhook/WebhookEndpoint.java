package org.forumkit.webhook;

import java.net.URI;
import java.util.Objects;

/**
 * Where one recipient's notifications are posted, and the secret they are signed with (shared with the receiver
 * only, at least 16 characters; compare GitHub's webhook secret).
 */
public record WebhookEndpoint(URI uri, String secret) {
    public WebhookEndpoint {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(secret, "secret");
        if (secret.length() < 16) {
            throw new IllegalArgumentException("a webhook secret needs at least 16 characters");
        }
    }

    @Override
    public String toString() {
        return "WebhookEndpoint[" + uri + "]";
    }
}
