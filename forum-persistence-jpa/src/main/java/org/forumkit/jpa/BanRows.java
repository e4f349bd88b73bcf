package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.model.Author;
import org.forumkit.model.Ban;
import org.forumkit.model.BanId;
import org.forumkit.model.BoardId;
import org.forumkit.model.UserId;
import org.forumkit.spi.store.NewBan;

/** The ban rows ({@code fk_ban}): forum-wide or per board, until they expire or are lifted. */
final class BanRows extends Rows {

    BanRows(EntityManager em) {
        super(em);
    }

    Optional<Ban> ban(BanId id) {
        return Optional.ofNullable(detach(em.find(BanEntity.class, id.value()))).map(Records::ban);
    }

    /** The bans in column {@code column} of a lookup's rows joined to the viewer's bans (null where none). */
    static List<Ban> bans(Rows rows, List<Object[]> found, int column) {
        return found.stream().filter(row -> row[column] != null)
                .map(row -> Records.ban(rows.detach((BanEntity) row[column]))).toList();
    }

    List<Ban> activeBans(UserId user, Optional<BoardId> board, Instant now) {
        TypedQuery<BanEntity> query = em.createQuery("select b from ForumkitBan b where b.userId = :user"
                        + " and b.liftedAt is null and (b.expiresAt is null or b.expiresAt > :now)"
                        + (board.isPresent() ? " and (b.boardId is null or b.boardId = :board)" : "")
                        + " order by b.id", BanEntity.class)
                .setParameter("user", user.value())
                .setParameter("now", micros(now));
        board.ifPresent(b -> query.setParameter("board", b.value()));
        return list(query).stream().map(Records::ban).toList();
    }

    Ban insertBan(NewBan ban) {
        BanEntity row = new BanEntity();
        row.userId = ban.user().value();
        row.boardId = ban.boardId() == null ? null : ban.boardId().value();
        row.kind = ban.kind().name();
        row.reason = ban.reason();
        row.byId = ban.by().id().value();
        row.byName = ban.by().displayName();
        row.createdAt = micros(ban.createdAt());
        row.expiresAt = micros(ban.expiresAt());
        try {
            em.persist(row);
            em.flush();
        } catch (PersistenceException e) {
            if (SqlErrors.isForeignKeyViolation(e)) {
                throw new NotFoundException(Kind.BOARD, ban.boardId());
            }
            throw e;
        }
        return Records.ban(detach(row));
    }

    Ban liftBan(BanId id, Author by, Instant at) {
        int updated = em.createQuery("update ForumkitBan b set b.liftedById = :byId, b.liftedByName = :byName,"
                        + " b.liftedAt = :at where b.id = :id and b.liftedAt is null")
                .setParameter("byId", by.id().value())
                .setParameter("byName", by.displayName())
                .setParameter("at", micros(at))
                .setParameter("id", id.value())
                .executeUpdate();
        Optional<Ban> ban = ban(id);
        if (updated == 0 && ban.isEmpty()) {
            throw new NotFoundException(Kind.BAN, id);
        }
        return ban.orElseThrow();
    }
}
