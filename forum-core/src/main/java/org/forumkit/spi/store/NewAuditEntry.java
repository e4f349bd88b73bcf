package org.forumkit.spi.store;

import java.time.Instant;
import java.util.Objects;
import org.forumkit.model.AuditAction;
import org.forumkit.model.Author;
import org.forumkit.model.BoardId;
import org.forumkit.model.PostId;
import org.forumkit.model.TopicId;
import org.forumkit.model.UserId;

/** An audit entry to append; every field but actor, action and time may be {@code null}. */
public record NewAuditEntry(BoardId boardId, Author actor, AuditAction action, TopicId topicId, PostId postId,
        UserId subject, String before, String after, String reason, Instant at) {
    public NewAuditEntry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(at, "at");
    }
}
