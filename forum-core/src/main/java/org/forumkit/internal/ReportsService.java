package org.forumkit.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.PermissionDeniedException;
import org.forumkit.Reports;
import org.forumkit.StateConflictException;
import org.forumkit.ValidationException;
import org.forumkit.event.ForumEvent;
import org.forumkit.model.Action;
import org.forumkit.model.AuditAction;
import org.forumkit.model.Author;
import org.forumkit.model.BanKind;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.CreditEvent;
import org.forumkit.model.DenialReason;
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
import org.forumkit.spi.store.NewReport;

final class ReportsService implements Reports {
    /** The longest text a reporter may add. */
    static final int MAX_TEXT = 500;

    private final ForumEngine forum;

    ReportsService(ForumEngine forum) {
        this.forum = forum;
    }

    @Override
    public Report report(Viewer viewer, ReportPost command) {
        Objects.requireNonNull(viewer, "viewer");
        Checks checks = Checks.of(forum.validator, command);
        if (command == null) {
            checks.throwIfAny();
        }
        String text = checks.block("text", Objects.requireNonNullElse(command.text(), ""), MAX_TEXT, true).strip();
        if (command.reason() == ReportReason.OTHER && text.isEmpty() && !checks.has("text")) {
            checks.add("text", "required");
        }
        checks.throwIfAny();
        return forum.store.inTransaction(tx -> {
            PostsService.Target target = PostsService.target(tx, command.postId());
            forum.access.require(viewer, forum.standing(tx, viewer, target.board()), Action.REPORT, target.board(),
                    Optional.of(target.topic()));
            Author reporter = forum.author(viewer);
            // Deleted posts, and pending ones of others, cannot be seen, so cannot be reported.
            if (!forum.access.canSee(viewer, target.board(), target.post())) {
                throw new NotFoundException(Kind.POST, command.postId());
            }
            var now = forum.now();
            FiledReport filed = tx.fileReport(new NewReport(target.post().id(), target.topic().id(), target.board().id(),
                    reporter, command.reason(), text, now));
            int threshold = target.board().moderation().hideAfterReports();
            // Under the post's lock the count includes every committed report, so exactly one report crosses it.
            boolean hide = threshold > 0 && filed.openReporters() >= threshold
                    && tx.post(target.post().id()).orElseThrow().state() == PostState.VISIBLE;
            if (hide) {
                tx.changePostState(target.post().id(), PostState.PENDING);
            }
            forum.publish(tx, new ForumEvent.PostReported(filed.report(), hide, now));
            return filed.report();
        });
    }

    @Override
    public Page<QueuedReport, ReportId> queue(Viewer viewer, BoardId boardId, PageRequest<ReportId> request) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(boardId, "boardId");
        Objects.requireNonNull(request, "request");
        int size = request.size();
        forum.requirePageSize(size);
        return forum.store.readOnly(reader -> {
            Board board = reader.board(boardId).orElseThrow(() -> new NotFoundException(Kind.BOARD, boardId));
            requireModerator(viewer, board, "read the report queue");
            Page<Report, ReportId> page = Paging.page(reader.openReports(boardId, request.optionalAfter(), size + 1),
                    size, Report::id, reader.openReportCount(boardId));
            Map<PostId, Long> reporters = reader.openReportersByPost(
                    page.items().stream().map(Report::postId).distinct().toList());
            return new Page<>(page.items().stream()
                    .map(r -> new QueuedReport(r, reporters.getOrDefault(r.postId(), 0L))).toList(),
                    page.next(), page.total());
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
        String why = null;
        try {
            why = PostsService.reason(reason);
        } catch (ValidationException e) {
            e.violations().forEach(v -> checks.add(v.field(), v.code(), v.args().toArray()));
        }
        checks.throwIfAny();
        String note = why;
        return forum.store.inTransaction(tx -> {
            Report report = tx.report(id).orElseThrow(() -> new NotFoundException(Kind.REPORT, id));
            PostsService.Target target = PostsService.target(tx, report.postId());
            Author by = requireModerator(viewer, target.board(), "resolve reports");
            if (!report.isOpen()) {
                throw new StateConflictException("report " + id + " was resolved already");
            }
            var now = forum.now();
            Post post = switch (resolution) {
                case DISMISS -> target.post().state() == PostState.PENDING
                        ? tx.changePostState(target.post().id(), PostState.VISIBLE) : target.post();
                case HIDE_POST -> target.post().state() == PostState.VISIBLE
                        ? tx.changePostState(target.post().id(), PostState.PENDING) : target.post();
                case DELETE_POST, BAN_AUTHOR -> tx.changePostState(target.post().id(), PostState.DELETED);
            };
            if (post.state() == PostState.DELETED && target.post().state() != PostState.DELETED) {
                forum.award(tx, target.board(), target.post().author().id(), CreditEvent.POST_DELETED_BY_MODERATOR,
                        post.id());
            }
            if (resolution == Resolution.BAN_AUTHOR) {
                forum.bans.impose(tx, by, target.post().author().id(), target.board().id(), BanKind.BAN, null, note);
            }
            List<Report> resolved = tx.resolveReports(report.postId(), resolution, by, note, now);
            forum.audit(tx, target, by, switch (resolution) {
                case DISMISS -> AuditAction.REPORTS_DISMISSED;
                case HIDE_POST -> AuditAction.REPORTS_POST_HIDDEN;
                case DELETE_POST -> AuditAction.REPORTS_POST_DELETED;
                case BAN_AUTHOR -> AuditAction.REPORTS_AUTHOR_BANNED;
            }, target.post().state(), post.state(), note);
            forum.publish(tx, new ForumEvent.ReportsResolved(resolved, post, by, now));
            return resolved;
        });
    }

    private Author requireModerator(Viewer viewer, Board board, String what) {
        Author author = forum.author(viewer);
        if (!forum.access.isModerator(viewer, board)) {
            throw new PermissionDeniedException(DenialReason.NOT_ALLOWED, "only moderators " + what);
        }
        return author;
    }
}
