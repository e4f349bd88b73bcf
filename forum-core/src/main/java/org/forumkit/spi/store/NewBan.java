package org.forumkit.spi.store;

import java.time.Instant;
import java.util.Objects;
import org.forumkit.model.Author;
import org.forumkit.model.BanKind;
import org.forumkit.model.BoardId;
import org.forumkit.model.UserId;

/** A validated ban to insert; {@code boardId} and {@code expiresAt} may be {@code null}. */
public record NewBan(UserId user, BoardId boardId, BanKind kind, String reason, Author by, Instant createdAt,
        Instant expiresAt) {
    public NewBan {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
