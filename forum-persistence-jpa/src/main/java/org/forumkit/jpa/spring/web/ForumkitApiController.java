package org.forumkit.jpa.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.forumkit.Forum;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.ValidationException;
import org.forumkit.Violation;
import org.forumkit.jpa.spring.web.ApiBodies.BoardTopicsBody;
import org.forumkit.jpa.spring.web.ApiBodies.ReplyRequest;
import org.forumkit.jpa.spring.web.ApiBodies.ReportRequest;
import org.forumkit.jpa.spring.web.ApiBodies.ResolveRequest;
import org.forumkit.jpa.spring.web.ApiBodies.SearchBody;
import org.forumkit.jpa.spring.web.ApiBodies.SessionBody;
import org.forumkit.jpa.spring.web.ApiBodies.StartTopicRequest;
import org.forumkit.jpa.spring.web.ApiBodies.VoteRequest;
import org.forumkit.model.Board;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.Reply;
import org.forumkit.model.ReportId;
import org.forumkit.model.ReportPost;
import org.forumkit.model.SearchCursor;
import org.forumkit.model.SearchHit;
import org.forumkit.model.SearchOrder;
import org.forumkit.model.SearchQuery;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicCursor;
import org.forumkit.model.TopicId;
import org.forumkit.model.TopicPage;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.forumkit.model.VoteChange;
import org.forumkit.model.VoteKind;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The forum's JSON API, the endpoints of forum-examples/README.md's table under {@code forumkit.api.base-path}. The
 * viewer comes from the host's {@code ViewerResolver}; writes are guarded by the host's Spring Security CSRF; the
 * forum itself decides every permission. Bodies are read and written by {@link ApiJson}, errors by
 * {@link ForumkitApiExceptionHandler}.
 */
@RestController
@RequestMapping("${forumkit.api.base-path:/api}")
class ForumkitApiController {
    private static final String ID = "{id:[0-9]+}";
    private static final String SLUG = "{slug:[a-z0-9-]+}";

    private final Forum forum;
    private final ApiJson json;
    private final TopicPages pages;
    private final int pageSize;

    ForumkitApiController(Forum forum, ApiJson json, TopicPages pages, ForumkitApiProperties properties) {
        this.forum = forum;
        this.json = json;
        this.pages = pages;
        this.pageSize = properties.getDefaultPageSize();
    }

    int pageSize() {
        return pageSize;
    }

    @GetMapping("/session")
    ResponseEntity<byte[]> session(Viewer viewer, HttpServletRequest request) {
        return json.answer(200, sessionBody(viewer, request));
    }

    /** Who is signed in and the CSRF token for writes; also part of {@code GET /comments}, saving a request. */
    static SessionBody sessionBody(Viewer viewer, HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        return new SessionBody(viewer instanceof Viewer.Member member ? member : null,
                csrf == null ? null : csrf.getToken(), csrf == null ? null : csrf.getHeaderName());
    }

    @GetMapping("/boards")
    ResponseEntity<byte[]> boards(Viewer viewer) {
        return json.answer(200, forum.boards().list(viewer).stream().map(b -> shown(viewer, b)).toList());
    }

    @GetMapping("/boards/" + SLUG + "/topics")
    ResponseEntity<byte[]> topics(Viewer viewer, @PathVariable String slug,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) String size) {
        Board board = board(forum, viewer, slug);
        int n = size == null ? pageSize : number(size);
        PageRequest<TopicCursor> request = cursor == null || cursor.isBlank() ? PageRequest.first(n)
                : PageRequest.after(TopicCursor.parse(cursor), n);
        Page<Topic, TopicCursor> page = forum.boards().topics(viewer, board.id(), request);
        return json.answer(200, new BoardTopicsBody(shown(viewer, board), page.items(),
                forum.boards().permissions(viewer, board.id()), page.optionalNext().map(TopicCursor::token).orElse(null)));
    }

    @PostMapping("/boards/" + SLUG + "/topics")
    ResponseEntity<byte[]> startTopic(Viewer viewer, @PathVariable String slug,
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        Board board = board(forum, viewer, slug);
        StartTopicRequest start = json.read(body, contentType, StartTopicRequest.class);
        return json.answer(201, forum.topics().start(viewer, new StartTopic(board.id(), start.title(), start.type(),
                start.body(), format(start.format()), null)));
    }

    @GetMapping("/search")
    ResponseEntity<byte[]> search(Viewer viewer, @RequestParam(required = false) String q,
            @RequestParam(required = false) String titles, @RequestParam(required = false) String board,
            @RequestParam(required = false) String subBoards, @RequestParam(required = false) String author,
            @RequestParam(required = false) String topic, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String order,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) String size) {
        SearchQuery query = SearchQuery.of(q == null ? "" : q)
                .withTitlesOnly(Boolean.parseBoolean(titles))
                .withOrder("NEWEST".equals(order) ? SearchOrder.NEWEST : SearchOrder.RELEVANCE);
        if (board != null && !board.isBlank()) {
            query = query.withBoard(board(forum, viewer, board).id(), !"false".equals(subBoards));
        }
        if (author != null && !author.isBlank()) {
            query = query.withAuthor(UserId.of(author));
        }
        if (topic != null) {
            query = query.withTopic(TopicId.of(id(topic)));
        }
        try {
            query = query.withTime(from == null ? null : Instant.parse(from), to == null ? null : Instant.parse(to));
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(ApiMessage.NOT_AN_INSTANT);
        }
        int n = size == null ? pageSize : number(size);
        PageRequest<SearchCursor> request = cursor == null || cursor.isBlank() ? PageRequest.first(n)
                : PageRequest.after(SearchCursor.parse(cursor), n);
        Page<SearchHit, SearchCursor> page = forum.search().find(viewer, query, request);
        return json.answer(200, new SearchBody(page.items(), page.optionalNext().map(SearchCursor::token).orElse(null)));
    }

    @GetMapping("/topics/" + ID)
    ResponseEntity<byte[]> topic(Viewer viewer, @PathVariable String id,
            @RequestParam(required = false) String fromFloor, @RequestParam(required = false) String size,
            @RequestParam(required = false) String author, @RequestParam(required = false) String order,
            HttpServletRequest request) {
        TopicPages.Order sorted = TopicPages.order(order);
        return json.answer(200, pages.json(pages.page(viewer, TopicId.of(id(id)), Optional.empty(), fromFloor, size,
                author, sorted, request), sorted));
    }

    @PostMapping("/topics/" + ID + "/replies")
    ResponseEntity<byte[]> reply(Viewer viewer, @PathVariable String id, @RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        TopicId topic = TopicId.of(id(id));
        return json.answer(201, reply(forum, viewer, topic, json.read(body, contentType, ReplyRequest.class)));
    }

    @PutMapping("/posts/" + ID + "/vote")
    ResponseEntity<byte[]> vote(Viewer viewer, @PathVariable String id, @RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        PostId post = PostId.of(id(id));
        VoteRequest vote = json.read(body, contentType, VoteRequest.class);
        if (vote.vote() == null) {
            throw ApiProblem.badRequest(ApiMessage.ONE_OF, "vote", "SUPPORT, OPPOSE, NONE");
        }
        VoteChange change = switch (vote.vote()) {
            case NONE -> forum.votes().retract(viewer, post);
            case SUPPORT -> forum.votes().cast(viewer, post, VoteKind.SUPPORT);
            case OPPOSE -> forum.votes().cast(viewer, post, VoteKind.OPPOSE);
        };
        return json.answer(200, change);
    }

    @PostMapping("/posts/" + ID + "/reports")
    ResponseEntity<byte[]> report(Viewer viewer, @PathVariable String id, @RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        PostId post = PostId.of(id(id));
        ReportRequest report = json.read(body, contentType, ReportRequest.class);
        if (report.reason() == null) {
            throw ApiProblem.badRequest(ApiMessage.ONE_OF, "reason", "SPAM, ABUSE, OFF_TOPIC, OTHER");
        }
        return json.answer(201, forum.reports().report(viewer, new ReportPost(post, report.reason(), report.text())));
    }

    @PostMapping("/reports/" + ID + "/resolve")
    ResponseEntity<byte[]> resolve(Viewer viewer, @PathVariable String id, @RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        ReportId report = ReportId.of(id(id));
        ResolveRequest resolve = json.read(body, contentType, ResolveRequest.class);
        if (resolve.resolution() == null) {
            throw ApiProblem.badRequest(ApiMessage.ONE_OF, "resolution", "DISMISS, HIDE_POST, DELETE_POST, BAN_AUTHOR");
        }
        return json.answer(200, forum.reports().resolve(viewer, report, resolve.resolution(), resolve.reason()));
    }

    /** Moderator ids and moderation thresholds only for those who moderate the board: they help an abuser. */
    private Board shown(Viewer viewer, Board board) {
        return forum.boards().permissions(viewer, board.id()).moderate() ? board : board.publicView();
    }

    static Board board(Forum forum, Viewer viewer, String slug) {
        return forum.boards().bySlug(viewer, slug).orElseThrow(() -> new NotFoundException(Kind.BOARD, slug));
    }

    static Post reply(Forum forum, Viewer viewer, TopicId topic, ReplyRequest body) {
        Reply reply = new Reply(topic, body.body(), format(body.format()), body.replyToFloor(), List.of());
        if (body.quote() != null) {
            if (body.quote().floor() == null) {
                throw new ValidationException(List.of(Violation.of("quote.floor", "required")));
            }
            reply = body.quote().excerpt() == null ? reply.quoting(body.quote().floor())
                    : reply.quoting(body.quote().floor(), body.quote().excerpt());
        }
        return forum.posts().reply(viewer, reply);
    }

    static ContentFormat format(String format) {
        try {
            return format == null ? null : ContentFormat.of(format);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(List.of(Violation.of("format", "unknown_format")));
        }
    }

    static long id(String text) {
        try {
            long id = Long.parseLong(text.strip());
            if (id >= 1) {
                return id;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw ApiProblem.badRequest(ApiMessage.NOT_AN_ID, text);
    }

    static int number(String text) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw ApiProblem.badRequest(ApiMessage.NOT_A_NUMBER, text);
    }
}
