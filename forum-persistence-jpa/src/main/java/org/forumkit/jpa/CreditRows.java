package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;
import org.forumkit.model.BoardId;
import org.forumkit.model.CreditEntry;
import org.forumkit.model.CreditEntryId;
import org.forumkit.model.CreditEvent;
import org.forumkit.model.UserId;
import org.forumkit.spi.store.NewCreditEntry;

/** The credit rows: one balance per user ({@code fk_credit_balance}) and its ledger of entries. */
final class CreditRows extends Rows {

    CreditRows(EntityManager em) {
        super(em);
    }

    long balance(UserId user) {
        CreditBalanceEntity row = detach(em.find(CreditBalanceEntity.class, user.value()));
        return row == null ? 0 : row.balance;
    }

    List<CreditEntry> entries(UserId user, Optional<CreditEntryId> before, int limit) {
        if (limit < 1) {
            return List.of();
        }
        TypedQuery<CreditEntryEntity> query = em.createQuery("select e from ForumkitCreditEntry e where e.userId = :user"
                        + (before.isPresent() ? " and e.id < :before" : "") + " order by e.id desc",
                        CreditEntryEntity.class)
                .setParameter("user", user.value())
                .setMaxResults(limit);
        before.ifPresent(b -> query.setParameter("before", b.value()));
        return list(query).stream().map(Records::credit).toList();
    }

    long count(UserId user, BoardId board, CreditEvent event, String cycleKey) {
        // A locking read, so it counts every committed entry even under MariaDB's REPEATABLE READ snapshot; the
        // rows are few (at most a rule's cap).
        return em.createQuery("select e.id from ForumkitCreditEntry e where e.userId = :user and e.boardId = :board"
                        + " and e.event = :event and e.cycleKey = :cycle", Long.class)
                .setParameter("user", user.value())
                .setParameter("board", board.value())
                .setParameter("event", event.name())
                .setParameter("cycle", cycleKey)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList()
                .size();
    }

    long lockBalance(UserId user) {
        CreditBalanceEntity row = detach(em.find(CreditBalanceEntity.class, user.value(),
                LockModeType.PESSIMISTIC_WRITE));
        if (row != null) {
            return row.balance;
        }
        // The first award: the insert locks the new row; a concurrent first insert fails on the key (or deadlocks on
        // MariaDB's gap lock) and the whole work runs again, then finding the row.
        CreditBalanceEntity fresh = new CreditBalanceEntity(user.value());
        try {
            em.persist(fresh);
            em.flush();
        } catch (PersistenceException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new SqlErrors.RaceDetected("credit balance of " + user + " created concurrently");
            }
            throw e;
        }
        detach(fresh);
        return 0;
    }

    CreditEntry append(NewCreditEntry entry) {
        CreditEntryEntity row = new CreditEntryEntity();
        row.userId = entry.user().value();
        row.boardId = entry.boardId().value();
        row.event = entry.event().name();
        row.amount = entry.amount();
        row.cycleKey = entry.cycleKey();
        row.postId = entry.postId() == null ? null : entry.postId().value();
        row.createdAt = micros(entry.at());
        em.persist(row);
        em.flush();
        em.createQuery("update ForumkitCreditBalance b set b.balance = b.balance + :amount where b.userId = :user")
                .setParameter("amount", entry.amount())
                .setParameter("user", entry.user().value())
                .executeUpdate();
        return Records.credit(detach(row));
    }
}
