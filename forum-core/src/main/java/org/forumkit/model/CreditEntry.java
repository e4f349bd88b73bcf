package org.forumkit.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a user's credit ledger: what the rule of which board gave or took, for which post, when.
 *
 * @param cycleKey the cycle the entry counts in ({@code once}, a UTC date, or {@code unlimited})
 * @param postId   the post that earned it, or {@code null}
 */
public record CreditEntry(CreditEntryId id, UserId user, BoardId boardId, CreditEvent event, long amount,
        String cycleKey, PostId postId, Instant at) {
    public CreditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(boardId, "boardId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(cycleKey, "cycleKey");
        Objects.requireNonNull(at, "at");
    }

    public Optional<PostId> optionalPostId() {
        return Optional.ofNullable(postId);
    }
}
