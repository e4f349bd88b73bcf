package org.forumkit.internal;

import java.util.Objects;
import java.util.Optional;
import org.forumkit.AuditLog;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.PermissionDeniedException;
import org.forumkit.model.AuditEntry;
import org.forumkit.model.AuditId;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.DenialReason;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
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
    public Page<AuditEntry, AuditId> board(Viewer viewer, BoardId boardId, PageRequest<AuditId> request) {
        Objects.requireNonNull(boardId, "boardId");
        return read(viewer, AuditFilter.board(boardId), request, boardId);
    }

    @Override
    public Page<AuditEntry, AuditId> byUser(Viewer viewer, UserId actor, PageRequest<AuditId> request) {
        return read(viewer, AuditFilter.actor(Objects.requireNonNull(actor, "actor")), request, null);
    }

    @Override
    public Page<AuditEntry, AuditId> aboutUser(Viewer viewer, UserId subject, PageRequest<AuditId> request) {
        return read(viewer, AuditFilter.subject(Objects.requireNonNull(subject, "subject")), request, null);
    }

    private Page<AuditEntry, AuditId> read(Viewer viewer, AuditFilter filter, PageRequest<AuditId> request,
            BoardId boardId) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(request, "request");
        access.author(viewer);
        paging.requireSize(request.size());
        return store.readOnly(reader -> {
            if (boardId != null) {
                Board board = reader.board(boardId).orElseThrow(() -> new NotFoundException(Kind.BOARD, boardId));
                if (!access.isModerator(viewer, board)) {
                    access.requireVisible(viewer, board, Optional.empty());
                    throw new PermissionDeniedException(DenialReason.NOT_ALLOWED, "only moderators read a board's log");
                }
            } else if (!access.isGlobalModerator(viewer)) {
                throw new PermissionDeniedException(DenialReason.NOT_ALLOWED,
                        "only global moderators and admins read a user's log");
            }
            return Paging.read(request.size(), n -> reader.auditEntries(filter, request.optionalAfter(), n),
                    AuditEntry::id);
        });
    }
}
