package org.forumkit.internal;

import jakarta.validation.Validator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.Reports;
import org.forumkit.StateConflictException;
import org.forumkit.event.ForumEvent;
import org.forumkit.model.Action;
import org.forumkit.model.AuditAction;
import org.forumkit.model.Author;
import org.forumkit.model.BanKind;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.CreditEvent;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.PostState;
import org.forumkit.model.QueuedReport;
import org.forumkit.model.Report;
import org.forumkit.model.ReportId;
import org.forumkit.model.ReportPost;
import org.forumkit.model.ReportReason;
import org.forumkit.model.Resolution;
import org.forumkit.model.Viewer;
import org.forumkit.spi.store.FiledReport;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.NewReport;
import org.forumkit.spi.store.PostInTopic;

final class ReportsService implements Reports {
    /** The longest text a reporter may add. */
    static final int MAX_TEXT = 500;

    private final ForumStore store;
    private final Validator validator;
    private final AccessRules access;
    private final Standings standings;
    private final BansService bans;
    private final CreditAwards credits;
    private final AuditTrail audit;
    private final Events events;
    private final ForumClock clock;
    private final Paging paging;

    ReportsService(ForumStore store, Validator validator, AccessRules access, Standings standings, BansService bans,
            CreditAwards credits, AuditTrail audit, Events events, ForumClock clock, Paging paging) {
        this.store = store;
        this.validator = validator;
        this.access = access;
        this.standings = standings;
        this.bans = bans;
        this.credits = credits;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.paging = paging;
    }

    @Override
    public Report report(Viewer viewer, ReportPost command) {
        Objects.requireNonNull(viewer, "viewer");
        Checks checks = Checks.of(validator, command);
        if (command == null) {
            checks.throwIfAny();
        }
        String text = checks.block("text", Objects.requireNonNullElse(command.text(), ""), MAX_TEXT, true).strip();
        if (command.reason() == ReportReason.OTHER && text.isEmpty() && !checks.has("text")) {
            checks.add("text", "required");
        }
        checks.throwIfAny();
        return store.inTransaction(tx -> {
            PostInTopic target = tx.postInTopic(command.postId())
                    .orElseThrow(() -> new NotFoundException(Kind.POST, command.postId()));
            access.requireVisible(viewer, target);
            access.require(viewer, standings.read(tx, viewer, target.board()), Action.REPORT, target.board(),
                    Optional.of(target.topic()));
            Author reporter = access.author(viewer);
            // Deleted posts, and pending ones of others, cannot be seen, so cannot be reported.
            if (!access.canSee(viewer, target.board(), target.post())) {
                throw new NotFoundException(Kind.POST, command.postId());
            }
            var now = clock.now();
            FiledReport filed = tx.fileReport(new NewReport(target.post().id(), target.topic().id(), target.board().id(),
                    reporter, command.reason(), text, now));
            int threshold = target.board().moderation().hideAfterReports();
            // Under the post's lock the count includes every committed report, so exactly one report crosses it.
            boolean hide = threshold > 0 && filed.openReporters() >= threshold
                    && tx.post(target.post().id()).orElseThrow().state() == PostState.VISIBLE;
            if (hide) {
                tx.changePostState(target.post().id(), PostState.PENDING);
            }
            events.publish(tx, new ForumEvent.PostReported(filed.report(), hide, now));
            return filed.report();
        });
    }

    @Override
    public Page<QueuedReport, ReportId> queue(Viewer viewer, BoardId boardId, PageRequest<ReportId> request) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(boardId, "boardId");
        Objects.requireNonNull(request, "request");
        paging.requireSize(request.size());
        return store.readOnly(reader -> {
            Board board = reader.board(boardId).orElseThrow(() -> new NotFoundException(Kind.BOARD, boardId));
            access.requireModerator(viewer, board, "read the report queue");
            Page<Report, ReportId> page = Paging.read(request.size(),
                    n -> reader.openReports(boardId, request.optionalAfter(), n), Report::id);
            Map<PostId, Long> reporters = reader.openReportersByPost(
                    page.items().stream().map(Report::postId).distinct().toList());
            return new Page<>(page.items().stream()
                    .map(r -> new QueuedReport(r, reporters.getOrDefault(r.postId(), 0L))).toList(),
                    page.next(), reader.openReportCount(boardId));
        });
    }

    @Override
    public List<Report> resolve(Viewer viewer, ReportId id, Resolution resolution, String reason) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(id, "id");
        Checks checks = new Checks();
        if (resolution == null) {
            checks.add("resolution", "required");
        }
        String note = Reasons.check(checks, reason);
        checks.throwIfAny();
        return store.inTransaction(tx -> {
            Report report = tx.report(id).orElseThrow(() -> new NotFoundException(Kind.REPORT, id));
            PostInTopic target = tx.postInTopic(report.postId())
                    .orElseThrow(() -> new NotFoundException(Kind.POST, report.postId()));
            Author by = access.requireModerator(viewer, target.board(), () -> new NotFoundException(Kind.REPORT, id),
                    "resolve reports");
            if (!report.isOpen()) {
                throw new StateConflictException("report " + id + " was resolved already");
            }
            var now = clock.now();
            Post post = switch (resolution) {
                case DISMISS -> target.post().state() == PostState.PENDING
                        ? tx.changePostState(target.post().id(), PostState.VISIBLE) : target.post();
                case HIDE_POST -> target.post().state() == PostState.VISIBLE
                        ? tx.changePostState(target.post().id(), PostState.PENDING) : target.post();
                case DELETE_POST, BAN_AUTHOR -> tx.changePostState(target.post().id(), PostState.DELETED);
            };
            if (post.state() == PostState.DELETED && target.post().state() != PostState.DELETED) {
                credits.award(tx, target.board(), target.post().author().id(), CreditEvent.POST_DELETED_BY_MODERATOR,
                        post.id());
            }
            if (resolution == Resolution.BAN_AUTHOR) {
                bans.impose(tx, by, target.post().author().id(), target.board().id(), BanKind.BAN, null, note);
            }
            List<Report> resolved = tx.resolveReports(report.postId(), resolution, by, note, now);
            audit.record(tx, target, by, switch (resolution) {
                case DISMISS -> AuditAction.REPORTS_DISMISSED;
                case HIDE_POST -> AuditAction.REPORTS_POST_HIDDEN;
                case DELETE_POST -> AuditAction.REPORTS_POST_DELETED;
                case BAN_AUTHOR -> AuditAction.REPORTS_AUTHOR_BANNED;
            }, target.post().state(), post.state(), note);
            events.publish(tx, new ForumEvent.ReportsResolved(resolved, post, by, now));
            return resolved;
        });
    }
}
