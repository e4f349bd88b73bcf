package org.forumkit.examples.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.forumkit.Forum;
import org.forumkit.NotFoundException;
import org.forumkit.model.Board;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Post;
import org.forumkit.model.QueuedReport;
import org.forumkit.model.Report;
import org.forumkit.model.ReportId;
import org.forumkit.model.Resolution;
import org.forumkit.model.TopicId;
import org.forumkit.model.Viewer;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/** The moderators' tools: lock and pin a topic, a board's report queue and resolving a report. */
@Controller
final class ModerationController {
    private static final int EXCERPT = 80;
    private final Forum forum;
    private final Pages pages;

    ModerationController(Forum forum, Pages pages) {
        this.forum = forum;
        this.pages = pages;
    }

    public record ReportsPage(BoardRef board, List<ReportRow> reports, long total) {
    }

    public record BoardRef(String name, String slug) {
    }

    /**
     * One open report: the reported floor (its link, topic title, floor label and an excerpt of its text), who wrote
     * it, who reported it and when, and why.
     */
    public record ReportRow(long id, String post, String topicTitle, String floorLabel, String excerpt, String author,
            String reporter, Stamp time, String reason, String text) {
    }

    @PostMapping("/topics/{id:\\d{1,18}}/{action:lock|unlock|pin|unpin}")
    RedirectView topicAction(@PathVariable long id, @PathVariable String action, Viewer viewer) {
        TopicId topic = TopicId.of(id);
        switch (action) {
            case "lock" -> forum.topics().lock(viewer, topic, true);
            case "unlock" -> forum.topics().lock(viewer, topic, false);
            case "pin" -> forum.topics().pin(viewer, topic, 1);
            default -> forum.topics().pin(viewer, topic, 0);
        }
        return Pages.seeOther("/topics/" + topic.value());
    }

    @GetMapping("/boards/{slug:[a-z0-9-]+}/reports")
    ModelAndView queue(@PathVariable String slug, Viewer viewer, HttpServletRequest request) {
        Board board = forum.boards().bySlug(viewer, slug)
                .orElseThrow(() -> new NotFoundException(NotFoundException.Kind.BOARD, slug));
        Page<QueuedReport, ReportId> queue = forum.reports().queue(viewer, board.id(), PageRequest.first(Pages.PAGE_SIZE));
        List<ReportRow> rows = queue.items().stream().map(QueuedReport::report).map(report -> row(viewer, request, report))
                .toList();
        return pages.render(request, "reports", board.name(),
                new ReportsPage(new BoardRef(board.name(), board.slug()), rows, queue.total()));
    }

    @PostMapping("/reports/{id:\\d{1,18}}/resolve")
    RedirectView resolve(@PathVariable long id, @RequestParam(defaultValue = "") String resolution,
            @RequestParam(defaultValue = "") String reason, @RequestParam(required = false) String next, Viewer viewer) {
        forum.reports().resolve(viewer, ReportId.of(id), PostController.choice(Resolution.class, resolution,
                "resolution must be DISMISS, HIDE_POST, DELETE_POST or BAN_AUTHOR"), reason);
        return Pages.seeOther(next);
    }

    private ReportRow row(Viewer viewer, HttpServletRequest request, Report report) {
        Post post = forum.posts().get(viewer, report.postId());
        String title = forum.topics().get(viewer, report.topicId()).title();
        return new ReportRow(report.id().value(), Pages.permalink(report.topicId(), post.floor()), title,
                post.floor() == 1 ? pages.text(request, "topic.opening")
                        : pages.text(request, "topic.floor", String.valueOf(post.floor())),
                excerpt(post.body()), post.author().displayName(), report.reporter().displayName(),
                pages.stamp(request, report.createdAt()), pages.text(request, "report." + report.reason().name()),
                Optional.ofNullable(report.text()).filter(t -> !t.isBlank()).orElse(null));
    }

    /** The start of the reported text, enough to judge it in the queue (whole code points). */
    static String excerpt(String body) {
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.codePointCount(0, flat.length()) <= EXCERPT ? flat
                : flat.substring(0, flat.offsetByCodePoints(0, EXCERPT)) + "…";
    }
}
