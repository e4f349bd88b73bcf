package org.forumkit.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.forumkit.Credits;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.PermissionDeniedException;
import org.forumkit.model.Action;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.CreditEntry;
import org.forumkit.model.CreditEntryId;
import org.forumkit.model.CreditRule;
import org.forumkit.model.DenialReason;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;

final class CreditsService implements Credits {
    private final ForumEngine forum;

    CreditsService(ForumEngine forum) {
        this.forum = forum;
    }

    @Override
    public List<CreditRule> rules(Viewer viewer, BoardId boardId) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(boardId, "boardId");
        Board board = forum.store.readOnly(reader -> reader.board(boardId))
                .orElseThrow(() -> new NotFoundException(Kind.BOARD, boardId));
        forum.access.require(viewer, Action.VIEW, board, Optional.empty());
        return forum.creditRules(board);
    }

    @Override
    public long balance(Viewer viewer, UserId user) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(user, "user");
        return forum.store.readOnly(reader -> reader.creditBalance(user));
    }

    @Override
    public Page<CreditEntry, CreditEntryId> ledger(Viewer viewer, UserId user, PageRequest<CreditEntryId> request) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(request, "request");
        forum.author(viewer);
        if (!viewer.userId().orElseThrow().equals(user) && !viewer.hasRole(forum.settings.moderatorRole())
                && !viewer.hasRole(forum.settings.adminRole())) {
            throw new PermissionDeniedException(DenialReason.NOT_ALLOWED, "only the user and global moderators read a ledger");
        }
        forum.requirePageSize(request.size());
        return forum.store.readOnly(reader -> Paging.page(
                reader.creditEntries(user, request.optionalAfter(), request.size() + 1), request.size(),
                CreditEntry::id, null));
    }
}
