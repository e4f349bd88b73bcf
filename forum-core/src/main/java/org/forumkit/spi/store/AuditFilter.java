package org.forumkit.spi.store;

import java.util.Optional;
import org.forumkit.model.BoardId;
import org.forumkit.model.UserId;

/** Which audit entries to read: those matching every given field (none given: all). */
public record AuditFilter(Optional<BoardId> board, Optional<UserId> actor, Optional<UserId> subject) {

    public static AuditFilter board(BoardId board) {
        return new AuditFilter(Optional.of(board), Optional.empty(), Optional.empty());
    }

    public static AuditFilter actor(UserId actor) {
        return new AuditFilter(Optional.empty(), Optional.of(actor), Optional.empty());
    }

    public static AuditFilter subject(UserId subject) {
        return new AuditFilter(Optional.empty(), Optional.empty(), Optional.of(subject));
    }
}
