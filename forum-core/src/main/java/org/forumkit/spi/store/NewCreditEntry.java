package org.forumkit.spi.store;

import java.time.Instant;
import java.util.Objects;
import org.forumkit.model.BoardId;
import org.forumkit.model.CreditEvent;
import org.forumkit.model.PostId;
import org.forumkit.model.UserId;

/** A ledger entry to append; {@code postId} may be {@code null}. */
public record NewCreditEntry(UserId user, BoardId boardId, CreditEvent event, long amount, String cycleKey,
        PostId postId, Instant at) {
    public NewCreditEntry {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(boardId, "boardId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(cycleKey, "cycleKey");
        Objects.requireNonNull(at, "at");
    }
}
