package org.forumkit.examples.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.forumkit.Forum;
import org.forumkit.NotFoundException;
import org.forumkit.PermissionDeniedException;
import org.forumkit.model.Board;
import org.forumkit.model.Decision;
import org.forumkit.model.DenialReason;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicCursor;
import org.forumkit.model.Viewer;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/** A board's topic listing (pinned first, by last reply, paged by cursor) and starting a topic there. */
@Controller
final class BoardController {
    private final Forum forum;
    private final Pages pages;
    private final InboxController inbox;

    BoardController(Forum forum, Pages pages, InboxController inbox) {
        this.forum = forum;
        this.pages = pages;
        this.inbox = inbox;
    }

    public record BoardPage(BoardInfo board, List<TopicRow> topics, NewTopic newTopic, String denied,
            boolean loginRequired, String next, InboxController.WatchView watch) {
    }

    public record BoardInfo(String name, String description, String slug) {
    }

    public record TopicRow(long id, String title, String type, boolean pinned, boolean locked, String author,
            Stamp created, long replies, long views, String lastBy, Stamp lastAt) {
    }

    public record NewTopic(List<String> types, boolean hasTypes) {
    }

    @GetMapping("/boards/{slug:[a-z0-9-]+}")
    ModelAndView board(@PathVariable String slug, @RequestParam(required = false) String after, Viewer viewer,
            HttpServletRequest request) {
        Board board = board(viewer, slug);
        PageRequest<TopicCursor> pageRequest;
        try {
            pageRequest = after == null ? PageRequest.first(Pages.PAGE_SIZE)
                    : PageRequest.after(TopicCursor.parse(after), Pages.PAGE_SIZE);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("bad cursor");
        }
        Page<Topic, TopicCursor> page = forum.boards().topics(viewer, board.id(), pageRequest);
        List<TopicRow> topics = page.items().stream().map(topic -> new TopicRow(topic.id().value(), topic.title(),
                topic.type(), topic.pinLevel() > 0, topic.locked(), topic.author().displayName(),
                pages.stamp(request, topic.createdAt()), topic.replies(), topic.views(),
                topic.lastPostBy().displayName(), pages.stamp(request, topic.lastPostAt()))).toList();
        Decision start = forum.boards().permissions(viewer, board.id()).startTopic();
        NewTopic newTopic = start.allowed() ? new NewTopic(board.topicTypes(), !board.topicTypes().isEmpty()) : null;
        String denied = start.allowed() ? null : PermissionDeniedException.describe(start.reason(), pages.locale(request));
        BoardPage view = new BoardPage(new BoardInfo(board.name(), board.description(), board.slug()), topics,
                newTopic, denied, start.reason() == DenialReason.LOGIN_REQUIRED,
                page.optionalNext().map(TopicCursor::token).orElse(null), inbox.boardWatch(viewer, board, request));
        request.setAttribute(Pages.FEED, "/b/" + board.slug() + ".atom");
        return pages.render(request, "board", board.name(), view);
    }

    @PostMapping("/boards/{slug:[a-z0-9-]+}/topics")
    RedirectView startTopic(@PathVariable String slug, @RequestParam(defaultValue = "") String title,
            @RequestParam(required = false) String type, @RequestParam(defaultValue = "") String body, Viewer viewer) {
        Board board = board(viewer, slug);
        Topic topic = forum.topics().start(viewer, new StartTopic(board.id(), title,
                type == null || type.isBlank() ? null : type, body, null, null));
        return Pages.seeOther("/topics/" + topic.id().value());
    }

    private Board board(Viewer viewer, String slug) {
        return forum.boards().bySlug(viewer, slug).orElseThrow(() -> new NotFoundException(NotFoundException.Kind.BOARD, slug));
    }
}
