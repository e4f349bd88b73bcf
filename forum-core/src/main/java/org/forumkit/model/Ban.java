package org.forumkit.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's ban or mute, in one board or (with no board) everywhere, until it expires or a moderator lifts it.
 *
 * @param boardId   the board it applies to, or {@code null} for every board
 * @param expiresAt when it ends by itself, or {@code null} for never
 * @param liftedBy  who lifted it early, or {@code null}
 * @param liftedAt  when it was lifted, or {@code null}
 */
public record Ban(
        BanId id,
        UserId user,
        BoardId boardId,
        BanKind kind,
        String reason,
        Author by,
        Instant createdAt,
        Instant expiresAt,
        Author liftedBy,
        Instant liftedAt) {

    public Ban {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(createdAt, "createdAt");
        if ((liftedBy == null) != (liftedAt == null)) {
            throw new IllegalArgumentException("ban " + id + ": liftedBy and liftedAt are both set or both null");
        }
    }

    /** Whether the ban holds at {@code now}: not lifted and not expired. */
    public boolean isActiveAt(Instant now) {
        return liftedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    public Optional<BoardId> optionalBoardId() {
        return Optional.ofNullable(boardId);
    }

    public Optional<Instant> optionalExpiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    public Optional<Author> optionalLiftedBy() {
        return Optional.ofNullable(liftedBy);
    }

    public Optional<Instant> optionalLiftedAt() {
        return Optional.ofNullable(liftedAt);
    }
}
