package org.forumkit.internal;

import jakarta.validation.Validator;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.forumkit.Bans;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.PermissionDeniedException;
import org.forumkit.model.AuditAction;
import org.forumkit.model.Author;
import org.forumkit.model.Ban;
import org.forumkit.model.BanId;
import org.forumkit.model.BanKind;
import org.forumkit.model.BanUser;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.DenialReason;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.NewBan;
import org.forumkit.spi.store.StoreReader;
import org.forumkit.spi.store.StoreTransaction;

final class BansService implements Bans {
    private final ForumStore store;
    private final Validator validator;
    private final AccessRules access;
    private final AuditTrail audit;
    private final ForumClock clock;

    BansService(ForumStore store, Validator validator, AccessRules access, AuditTrail audit, ForumClock clock) {
        this.store = store;
        this.validator = validator;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Ban ban(Viewer viewer, BanUser command) {
        Objects.requireNonNull(viewer, "viewer");
        Checks checks = Checks.of(validator, command);
        if (command == null) {
            checks.throwIfAny();
        }
        if (command.duration() != null && (command.duration().isNegative() || command.duration().isZero())) {
            checks.add("duration", "out_of_range");
        }
        String reason = checks.block("reason", command.reason(), Reasons.MAX_LENGTH, false);
        checks.throwIfAny();
        return store.inTransaction(tx -> {
            Author by = requireBanner(tx, viewer, command.boardId(),
                    () -> new NotFoundException(Kind.BOARD, command.boardId()));
            return impose(tx, by, command.user(), command.boardId(), command.kind(), command.duration() == null
                    ? null : clock.now().plus(command.duration()), reason);
        });
    }

    /** Inserts a ban and its audit entry; the caller checked who may. */
    Ban impose(StoreTransaction tx, Author by, UserId user, BoardId board, BanKind kind, Instant expiresAt,
            String reason) {
        var now = clock.now();
        Ban ban = tx.insertBan(new NewBan(user, board, kind, reason, by, now, expiresAt));
        audit.record(tx, board, by, AuditAction.USER_BANNED, null, null, user, null,
                kind + (expiresAt == null ? "" : " until " + expiresAt), reason);
        return ban;
    }

    @Override
    public Ban lift(Viewer viewer, BanId id, String reason) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(id, "id");
        String why = Reasons.require(reason);
        return store.inTransaction(tx -> {
            Ban ban = tx.ban(id).orElseThrow(() -> new NotFoundException(Kind.BAN, id));
            Author by = requireBanner(tx, viewer, ban.boardId(), () -> new NotFoundException(Kind.BAN, id));
            if (ban.liftedAt() != null) {
                return ban;
            }
            Ban lifted = tx.liftBan(id, by, clock.now());
            audit.record(tx, ban.boardId(), by, AuditAction.BAN_LIFTED, null, null, ban.user(), ban.kind(), null, why);
            return lifted;
        });
    }

    @Override
    public List<Ban> active(Viewer viewer, UserId user) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(user, "user");
        access.author(viewer);
        if (!viewer.userId().orElseThrow().equals(user) && !access.isGlobalModerator(viewer)) {
            throw new PermissionDeniedException(DenialReason.NOT_ALLOWED, "only global moderators read others' bans");
        }
        return store.readOnly((StoreReader reader) -> reader.activeBans(user, Optional.empty(), clock.now()));
    }

    /**
     * Board bans: the board's moderators; global ones: global moderators and admins. A viewer who may not see the
     * board gets {@code hidden}, as for a missing id.
     */
    private Author requireBanner(StoreReader reader, Viewer viewer, BoardId boardId, Supplier<NotFoundException> hidden) {
        Author by = access.author(viewer);
        if (boardId == null) {
            if (!access.isGlobalModerator(viewer)) {
                throw new PermissionDeniedException(DenialReason.NOT_ALLOWED, "only global moderators ban everywhere");
            }
            return by;
        }
        Board board = reader.board(boardId).orElseThrow(() -> new NotFoundException(Kind.BOARD, boardId));
        if (!access.isModerator(viewer, board) && !access.isGlobalModerator(viewer)) {
            access.requireVisible(viewer, board, Optional.empty(), hidden);
            throw new PermissionDeniedException(DenialReason.NOT_ALLOWED, "only moderators ban in board " + boardId);
        }
        return by;
    }

}
