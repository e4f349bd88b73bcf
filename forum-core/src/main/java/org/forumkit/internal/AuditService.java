package org.forumkit.internal;

import java.util.Objects;
import java.util.Optional;
import org.forumkit.AuditLog;
import org.forumkit.NotFoundException;
import org.forumkit.PermissionDeniedException;
import org.forumkit.model.AuditEntry;
import org.forumkit.model.AuditId;
import org.forumkit.model.AuditPage;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.DenialReason;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.forumkit.spi.store.AuditFilter;
import org.forumkit.spi.store.ForumStore;

final class AuditService implements AuditLog {
    private final ForumStore store;
    private final AccessRules access;
    private final Paging paging;

    AuditService(ForumStore store, AccessRules access, Paging paging) {
        this.store = store;
        this.access = access;
        this.paging = paging;
    }

    @Override
    public AuditPage board(Viewer viewer, BoardId boardId, Optional<AuditId> before, int size) {
        Objects.requireNonNull(boardId, "boardId");
        return read(viewer, AuditFilter.board(boardId), before, size, boardId);
    }

    @Override
    public AuditPage byUser(Viewer viewer, UserId actor, Optional<AuditId> before, int size) {
        return read(viewer, AuditFilter.actor(Objects.requireNonNull(actor, "actor")), before, size, null);
    }

    @Override
    public AuditPage aboutUser(Viewer viewer, UserId subject, Optional<AuditId> before, int size) {
        return read(viewer, AuditFilter.subject(Objects.requireNonNull(subject, "subject")), before, size, null);
    }

    private AuditPage read(Viewer viewer, AuditFilter filter, Optional<AuditId> before, int size, BoardId boardId) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(before, "before");
        access.author(viewer);
        paging.requireSize(size);
        return store.readOnly(reader -> {
            if (boardId != null) {
                Board board = reader.board(boardId).orElseThrow(() -> new NotFoundException("board", boardId));
                if (!access.isModerator(viewer, board)) {
                    throw new PermissionDeniedException(DenialReason.NOT_ALLOWED, "only moderators read a board's log");
                }
            } else if (!access.isGlobalModerator(viewer)) {
                throw new PermissionDeniedException(DenialReason.NOT_ALLOWED,
                        "only global moderators and admins read a user's log");
            }
            Paging.Slice<AuditEntry, AuditId> page = Paging.read(size, n -> reader.auditEntries(filter, before, n),
                    AuditEntry::id);
            return new AuditPage(page.rows(), page.next());
        });
    }
}
