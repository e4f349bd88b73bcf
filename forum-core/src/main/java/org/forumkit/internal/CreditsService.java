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
import org.forumkit.spi.store.ForumStore;

final class CreditsService implements Credits {
    private final ForumStore store;
    private final AccessRules access;
    private final CreditAwards awards;
    private final Paging paging;

    CreditsService(ForumStore store, AccessRules access, CreditAwards awards, Paging paging) {
        this.store = store;
        this.access = access;
        this.awards = awards;
        this.paging = paging;
    }

    @Override
    public List<CreditRule> rules(Viewer viewer, BoardId boardId) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(boardId, "boardId");
        Board board = store.readOnly(reader -> reader.board(boardId))
                .orElseThrow(() -> new NotFoundException(Kind.BOARD, boardId));
        access.require(viewer, Action.VIEW, board, Optional.empty());
        return awards.rules(board);
    }

    @Override
    public long balance(Viewer viewer, UserId user) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(user, "user");
        return store.readOnly(reader -> reader.creditBalance(user));
    }

    @Override
    public Page<CreditEntry, CreditEntryId> ledger(Viewer viewer, UserId user, PageRequest<CreditEntryId> request) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(request, "request");
        access.author(viewer);
        if (!viewer.userId().orElseThrow().equals(user) && !access.isGlobalModerator(viewer)) {
            throw new PermissionDeniedException(DenialReason.NOT_ALLOWED, "only the user and global moderators read a ledger");
        }
        paging.requireSize(request.size());
        return store.readOnly(reader -> Paging.read(request.size(),
                n -> reader.creditEntries(user, request.optionalAfter(), n), CreditEntry::id));
    }
}
