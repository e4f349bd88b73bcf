package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;
import org.forumkit.model.AuditEntry;
import org.forumkit.model.AuditId;
import org.forumkit.spi.store.AuditFilter;
import org.forumkit.spi.store.NewAuditEntry;

/** The audit rows ({@code fk_audit}): appended once, read newest first. */
final class AuditRows extends Rows {

    AuditRows(EntityManager em) {
        super(em);
    }

    List<AuditEntry> auditEntries(AuditFilter filter, Optional<AuditId> before, int limit) {
        if (limit < 1) {
            return List.of();
        }
        StringBuilder jpql = new StringBuilder("select a from ForumkitAudit a where 1 = 1");
        filter.board().ifPresent(b -> jpql.append(" and a.boardId = :board"));
        filter.actor().ifPresent(u -> jpql.append(" and a.actorId = :actor"));
        filter.subject().ifPresent(u -> jpql.append(" and a.subjectId = :subject"));
        before.ifPresent(b -> jpql.append(" and a.id < :before"));
        TypedQuery<AuditEntity> query = em.createQuery(jpql.append(" order by a.id desc").toString(), AuditEntity.class)
                .setMaxResults(limit);
        filter.board().ifPresent(b -> query.setParameter("board", b.value()));
        filter.actor().ifPresent(u -> query.setParameter("actor", u.value()));
        filter.subject().ifPresent(u -> query.setParameter("subject", u.value()));
        before.ifPresent(b -> query.setParameter("before", b.value()));
        return list(query).stream().map(Records::audit).toList();
    }

    AuditEntry appendAudit(NewAuditEntry entry) {
        AuditEntity row = new AuditEntity();
        row.boardId = entry.boardId() == null ? null : entry.boardId().value();
        row.actorId = entry.actor().id().value();
        row.actorName = entry.actor().displayName();
        row.action = entry.action().name();
        row.topicId = entry.topicId() == null ? null : entry.topicId().value();
        row.postId = entry.postId() == null ? null : entry.postId().value();
        row.subjectId = entry.subject() == null ? null : entry.subject().value();
        row.before = entry.before();
        row.after = entry.after();
        row.reason = entry.reason();
        row.createdAt = micros(entry.at());
        em.persist(row);
        em.flush();
        return Records.audit(detach(row));
    }
}
