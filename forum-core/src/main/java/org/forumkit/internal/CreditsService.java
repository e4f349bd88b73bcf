package org.forumkit.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.forumkit.Credits;
import org.forumkit.NotFoundException;
import org.forumkit.PermissionDeniedException;
import org.forumkit.model.Action;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.CreditEntry;
import org.forumkit.model.CreditEntryId;
import org.forumkit.model.CreditLedger;
import org.forumkit.model.CreditRule;
import org.forumkit.model.DenialReason;
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
                .orElseThrow(() -> new NotFoundException("board", boardId));
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
    public CreditLedger ledger(Viewer viewer, UserId user, Optional<CreditEntryId> before, int size) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(before, "before");
        forum.author(viewer);
        if (!viewer.userId().orElseThrow().equals(user) && !viewer.hasRole(forum.settings.moderatorRole())
                && !viewer.hasRole(forum.settings.adminRole())) {
            throw new PermissionDeniedException(DenialReason.NOT_ALLOWED, "only the user and global moderators read a ledger");
        }
        forum.requirePageSize(size);
        return forum.store.readOnly(reader -> {
            List<CreditEntry> entries = reader.creditEntries(user, before, size + 1);
            CreditEntryId next = entries.size() > size ? entries.get(size - 1).id() : null;
            return new CreditLedger(user, reader.creditBalance(user), entries.subList(0, Math.min(size, entries.size())),
                    next);
        });
    }
}
