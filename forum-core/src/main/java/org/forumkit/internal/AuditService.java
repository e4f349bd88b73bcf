package org.forumkit.internal;

import java.util.List;
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

final class AuditService implements AuditLog {
    private final ForumEngine forum;

    AuditService(ForumEngine forum) {
        this.forum = forum;
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
        forum.author(viewer);
        forum.requirePageSize(size);
        return forum.store.readOnly(reader -> {
            if (boardId != null) {
                Board board = reader.board(boardId).orElseThrow(() -> new NotFoundException("board", boardId));
                if (!forum.access.isModerator(viewer, board)) {
                    throw new PermissionDeniedException(DenialReason.NOT_ALLOWED, "only moderators read a board's log");
                }
            } else if (!viewer.hasRole(forum.settings.moderatorRole()) && !viewer.hasRole(forum.settings.adminRole())) {
                throw new PermissionDeniedException(DenialReason.NOT_ALLOWED,
                        "only global moderators and admins read a user's log");
            }
            List<AuditEntry> entries = reader.auditEntries(filter, before, size + 1);
            AuditId next = entries.size() > size ? entries.get(size - 1).id() : null;
            return new AuditPage(entries.subList(0, Math.min(size, entries.size())), next);
        });
    }
}
