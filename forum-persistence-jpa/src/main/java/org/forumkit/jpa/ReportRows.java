package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.model.Author;
import org.forumkit.model.BoardId;
import org.forumkit.model.PostId;
import org.forumkit.model.Report;
import org.forumkit.model.ReportId;
import org.forumkit.model.Resolution;
import org.forumkit.model.TopicId;
import org.forumkit.spi.store.FiledReport;
import org.forumkit.spi.store.NewReport;

/** The report rows ({@code fk_report}, open while {@code open} is true): filing, a board's queue, resolving. */
final class ReportRows extends Rows {

    ReportRows(EntityManager em) {
        super(em);
    }

    Optional<Report> report(ReportId id) {
        return Optional.ofNullable(detach(em.find(ReportEntity.class, id.value()))).map(Records::report);
    }

    List<Report> openReports(BoardId board, Optional<ReportId> after, int limit) {
        if (limit < 1) {
            return List.of();
        }
        TypedQuery<ReportEntity> query = em.createQuery("select r from ForumkitReport r where r.boardId = :board"
                        + " and r.open = true" + (after.isPresent() ? " and r.id > :after" : "") + " order by r.id",
                        ReportEntity.class)
                .setParameter("board", board.value())
                .setMaxResults(limit);
        after.ifPresent(a -> query.setParameter("after", a.value()));
        return list(query).stream().map(Records::report).toList();
    }

    long openReportCount(BoardId board) {
        return em.createQuery("select count(r) from ForumkitReport r where r.boardId = :board and r.open = true",
                        Long.class)
                .setParameter("board", board.value())
                .getSingleResult();
    }

    Map<PostId, Long> openReportersByPost(Collection<PostId> posts) {
        if (posts.isEmpty()) {
            return Map.of();
        }
        Map<PostId, Long> counts = new HashMap<>();
        List<?> rows = em.createNativeQuery("SELECT id, open_reporters FROM fk_post WHERE id IN (?1)"
                        + " AND open_reporters > 0")
                .setParameter(1, posts.stream().map(PostId::value).distinct().toList())
                .getResultList();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            counts.put(PostId.of(((Number) columns[0]).longValue()), ((Number) columns[1]).longValue());
        }
        return counts;
    }

    FiledReport fileReport(NewReport report) {
        // The post row is the lock that serializes the reports of a post, so the count below sees every one.
        if (detach(em.find(PostEntity.class, report.postId().value(), LockModeType.PESSIMISTIC_WRITE)) == null) {
            throw new NotFoundException(Kind.POST, report.postId());
        }
        // Locking reads: they see the newest committed rows even under MariaDB's REPEATABLE READ snapshot.
        List<ReportEntity> open = em.createQuery("select r from ForumkitReport r where r.postId = :post"
                        + " and r.open = true order by r.id", ReportEntity.class)
                .setParameter("post", report.postId().value())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        open.forEach(this::detach);
        ReportEntity mine = open.stream().filter(r -> r.reporterId.equals(report.reporter().id().value()))
                .findFirst().orElse(null);
        if (mine == null) {
            ReportEntity row = new ReportEntity();
            row.postId = report.postId().value();
            row.topicId = report.topicId().value();
            row.boardId = report.boardId().value();
            row.reporterId = report.reporter().id().value();
            row.reporterName = report.reporter().displayName();
            row.reason = report.reason().name();
            row.text = report.text();
            row.createdAt = micros(report.at());
            row.updatedAt = micros(report.at());
            row.open = Boolean.TRUE;
            em.persist(row);
            em.flush();
            // A write on the post row, not only its lock: on Galera a lock holds on its own node only, a write on
            // every node (see V13).
            moveOpenReporters(report.postId(), "open_reporters + 1");
            return new FiledReport(Records.report(detach(row)), true, open.size() + 1L);
        }
        em.createQuery("update ForumkitReport r set r.reason = :reason, r.text = :text, r.reporterName = :name,"
                        + " r.updatedAt = :at where r.id = :id")
                .setParameter("reason", report.reason().name())
                .setParameter("text", report.text())
                .setParameter("name", report.reporter().displayName())
                .setParameter("at", micros(report.at()))
                .setParameter("id", mine.id)
                .executeUpdate();
        return new FiledReport(report(ReportId.of(mine.id)).orElseThrow(), false, open.size());
    }

    List<Report> resolveReports(PostId post, Resolution resolution, Author by, String note, Instant at) {
        List<Long> ids = em.createQuery("select r.id from ForumkitReport r where r.postId = :post and r.open = true"
                        + " order by r.id", Long.class)
                .setParameter("post", post.value())
                .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        int updated = em.createQuery("update ForumkitReport r set r.open = null, r.resolution = :resolution,"
                        + " r.resolvedById = :byId, r.resolvedByName = :byName, r.resolvedAt = :at,"
                        + " r.resolutionNote = :note where r.id in :ids and r.open = true")
                .setParameter("resolution", resolution.name())
                .setParameter("byId", by.id().value())
                .setParameter("byName", by.displayName())
                .setParameter("at", micros(at))
                .setParameter("note", note)
                .setParameter("ids", ids)
                .executeUpdate();
        if (updated != ids.size()) {
            throw new SqlErrors.RaceDetected("reports of post " + post + " were resolved concurrently");
        }
        moveOpenReporters(post, "0");
        return list(em.createQuery("select r from ForumkitReport r where r.id in :ids order by r.id",
                        ReportEntity.class)
                .setParameter("ids", ids)).stream().map(Records::report).toList();
    }

    private void moveOpenReporters(PostId post, String value) {
        em.createNativeQuery("UPDATE fk_post SET open_reporters = " + value + " WHERE id = ?1")
                .setParameter(1, post.value())
                .executeUpdate();
    }

    /** A moved topic's reports follow it into the board's queue. */
    void moveTopic(TopicId topic, BoardId to) {
        em.createQuery("update ForumkitReport r set r.boardId = :to where r.topicId = :id")
                .setParameter("to", to.value())
                .setParameter("id", topic.value())
                .executeUpdate();
    }
}
