package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * What the rows class of every aggregate shares: the transaction's entity manager and the read helpers. Every entity
 * read is detached at once, so a later read in the same transaction never returns a stale managed instance after a
 * bulk update.
 */
abstract class Rows {
    final EntityManager em;

    Rows(EntityManager em) {
        this.em = em;
    }

    /**
     * Every column keeps microseconds; databases differ on whether they round or cut the rest, so the store cuts
     * it itself and returns what it stored.
     */
    static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    <E> E detach(E entity) {
        if (entity != null) {
            em.detach(entity);
        }
        return entity;
    }

    <E> List<E> list(TypedQuery<E> query) {
        List<E> rows = query.getResultList();
        rows.forEach(this::detach);
        return rows;
    }

    <E> Optional<E> first(TypedQuery<E> query) {
        return list(query.setMaxResults(1)).stream().findFirst();
    }
}
