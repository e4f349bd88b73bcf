package org.forumkit.model;

import java.util.Objects;
import java.util.Optional;

/**
 * What one vote command changed: the user's vote before and after ({@code null} for none) and the post's
 * counts after the change.
 */
public record VoteChange(PostId postId, UserId voter, VoteKind before, VoteKind after, long support, long oppose) {
    public VoteChange {
        Objects.requireNonNull(postId, "postId");
        Objects.requireNonNull(voter, "voter");
        if (support < 0 || oppose < 0) {
            throw new IllegalArgumentException("counts must not be negative: support=" + support + ", oppose=" + oppose);
        }
    }

    public Optional<VoteKind> optionalBefore() {
        return Optional.ofNullable(before);
    }

    public Optional<VoteKind> optionalAfter() {
        return Optional.ofNullable(after);
    }

    public boolean changed() {
        return before != after;
    }
}
