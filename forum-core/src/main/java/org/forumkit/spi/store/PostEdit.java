package org.forumkit.spi.store;

import java.time.Instant;
import java.util.Objects;
import org.forumkit.model.ContentFormat;

/** A validated, rendered new body for a post. */
public record PostEdit(String body, ContentFormat format, String html, String renderer, Instant editedAt) {
    public PostEdit {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(renderer, "renderer");
        Objects.requireNonNull(editedAt, "editedAt");
    }
}
