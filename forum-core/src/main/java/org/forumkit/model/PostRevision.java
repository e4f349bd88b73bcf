package org.forumkit.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A post's earlier text: what revision {@code revision} said before an edit replaced it, who replaced it and when.
 *
 * @param revision   the revision this text was (1 is the text as first written)
 * @param replacedBy the editor who replaced it (the author or a moderator)
 * @param replacedAt when it was replaced
 */
public record PostRevision(PostId postId, int revision, String body, ContentFormat format, Author replacedBy,
        Instant replacedAt) {
    public PostRevision {
        Objects.requireNonNull(postId, "postId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(replacedBy, "replacedBy");
        Objects.requireNonNull(replacedAt, "replacedAt");
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be >= 1, was " + revision);
        }
    }
}
