package org.forumkit.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.memory.Tables.OpenReportKey;
import org.forumkit.model.AuditEntry;
import org.forumkit.model.AuditId;
import org.forumkit.model.Author;
import org.forumkit.model.Ban;
import org.forumkit.model.BanId;
import org.forumkit.model.PostId;
import org.forumkit.model.Report;
import org.forumkit.model.ReportId;
import org.forumkit.model.Resolution;
import org.forumkit.spi.store.FiledReport;
import org.forumkit.spi.store.NewAuditEntry;
import org.forumkit.spi.store.NewBan;
import org.forumkit.spi.store.NewReport;
import org.forumkit.spi.store.TransactionNesting;

/**
 * The moderation writes of an {@link InMemoryForumStore} transaction (reports, bans, the audit trail): the same
 * {@link Tables}, changes through the transaction's undo log.
 */
final class MemoryModeration {
    private final Tables db;
    private final UndoLog log;
    private final boolean writable;

    MemoryModeration(Tables db, UndoLog log, boolean writable) {
        this.db = db;
        this.log = log;
        this.writable = writable;
    }

    FiledReport fileReport(NewReport report) {
        TransactionNesting.checkWritable(writable);
        if (!db.posts.containsKey(report.postId())) {
            throw new NotFoundException(Kind.POST, report.postId());
        }
        OpenReportKey key = new OpenReportKey(report.postId(), report.reporter().id());
        ReportId open = db.openReports.get(key);
        Report filed;
        if (open == null) {
            filed = new Report(ReportId.of(++db.lastReportId), report.postId(), report.topicId(), report.boardId(),
                    report.reporter(), report.reason(), report.text(), report.at(), report.at(), null, null, null,
                    null);
            log.put(db.openReports, key, filed.id());
        } else {
            filed = Copies.refiled(db.reports.get(open), report);
        }
        log.put(db.reports, filed.id(), filed);
        long reporters = db.openReports.keySet().stream().filter(k -> k.post().equals(report.postId())).count();
        return new FiledReport(filed, open == null, reporters);
    }

    List<Report> resolveReports(PostId post, Resolution resolution, Author by, String note, Instant at) {
        TransactionNesting.checkWritable(writable);
        List<Report> resolved = new ArrayList<>();
        for (Map.Entry<OpenReportKey, ReportId> open : List.copyOf(db.openReports.entrySet())) {
            if (open.getKey().post().equals(post)) {
                Report done = Copies.resolved(db.reports.get(open.getValue()), resolution, by, at, note);
                log.put(db.reports, done.id(), done);
                log.put(db.openReports, open.getKey(), null);
                resolved.add(done);
            }
        }
        resolved.sort(Comparator.comparing(Report::id));
        return resolved;
    }

    Ban insertBan(NewBan ban) {
        TransactionNesting.checkWritable(writable);
        if (ban.boardId() != null && !db.boards.containsKey(ban.boardId())) {
            throw new NotFoundException(Kind.BOARD, ban.boardId());
        }
        Ban inserted = new Ban(BanId.of(db.bans.size() + 1L), ban.user(), ban.boardId(), ban.kind(), ban.reason(),
                ban.by(), ban.createdAt(), ban.expiresAt(), null, null);
        log.put(db.bans, inserted.id(), inserted);
        return inserted;
    }

    Ban liftBan(BanId id, Author by, Instant at) {
        TransactionNesting.checkWritable(writable);
        Ban ban = db.bans.get(id);
        if (ban == null) {
            throw new NotFoundException(Kind.BAN, id);
        }
        if (ban.liftedAt() != null) {
            return ban;
        }
        Ban lifted = Copies.lifted(ban, by, at);
        log.put(db.bans, id, lifted);
        return lifted;
    }

    AuditEntry appendAudit(NewAuditEntry entry) {
        TransactionNesting.checkWritable(writable);
        AuditEntry appended = new AuditEntry(AuditId.of(db.audit.size() + 1L), entry.boardId(), entry.actor(),
                entry.action(), entry.topicId(), entry.postId(), entry.subject(), entry.before(), entry.after(),
                entry.reason(), entry.at());
        log.add(db.audit, appended);
        return appended;
    }
}
