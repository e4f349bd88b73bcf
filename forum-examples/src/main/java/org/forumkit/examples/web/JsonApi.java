package org.forumkit.examples.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.forumkit.model.SearchHit;
import org.forumkit.model.SearchCursor;
import java.time.Instant;
import org.forumkit.model.SearchQuery;
import org.forumkit.model.SearchOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.forumkit.ConflictException;
import org.forumkit.ForumException;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.PermissionDeniedException;
import org.forumkit.RateLimitedException;
import org.forumkit.ValidationException;
import org.forumkit.Violation;
import org.forumkit.model.Board;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.Decision;
import org.forumkit.model.DenialReason;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.Reply;
import org.forumkit.model.ReportId;
import org.forumkit.model.ReportPost;
import org.forumkit.model.Resolution;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicCursor;
import org.forumkit.model.TopicId;
import org.forumkit.model.TopicPage;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.forumkit.model.VoteChange;

/**
 * The JSON API (documented in forum-examples/README.md). Writes need the session cookie and an {@code X-CSRF-Token} header;
 * errors are {@code {"error": CODE, "message": …, "violations"?: […]}} with a 4xx status, never a stack trace.
 */
final class JsonApi {
    private static final Pattern BOARD_TOPICS = Pattern.compile("/api/boards/([a-z0-9-]+)/topics");
    private static final Pattern TOPIC = Pattern.compile("/api/topics/(\\d{1,18})");
    private static final Pattern REPLIES = Pattern.compile("/api/topics/(\\d{1,18})/replies");
    private static final Pattern VOTE = Pattern.compile("/api/posts/(\\d{1,18})/vote");
    private static final Pattern REPORTS = Pattern.compile("/api/posts/(\\d{1,18})/reports");
    private static final Pattern RESOLVE = Pattern.compile("/api/reports/(\\d{1,18})/resolve");

    private final WebApp app;

    JsonApi(WebApp app) {
        this.app = app;
    }

    void handle(Exchange ex) throws IOException {
        try {
            route(ex);
        } catch (ValidationException e) {
            ArrayNode violations = app.json.createArrayNode();
            for (Violation v : e.violations()) {
                violations.addObject().put("field", v.field()).put("code", v.code()).put("message", v.message(ex.locale));
            }
            error(ex, 400, "VALIDATION", e.localizedMessage(ex.locale), violations);
        } catch (PermissionDeniedException e) {
            error(ex, e.reason() == DenialReason.LOGIN_REQUIRED ? 401 : 403, e.reason().name(),
                    e.localizedMessage(ex.locale), null);
        } catch (NotFoundException e) {
            error(ex, 404, "NOT_FOUND", e.getMessage(), null);
        } catch (RateLimitedException e) {
            ex.http.getResponseHeaders().set("Retry-After", String.valueOf(Math.max(1, e.retryAfter().toSeconds())));
            error(ex, 429, "RATE_LIMITED", e.getMessage(), null);
        } catch (ConflictException e) {
            error(ex, 409, "CONFLICT", e.getMessage(), null);
        } catch (ForumException | IllegalArgumentException e) {
            error(ex, 400, "BAD_REQUEST", e.getMessage(), null);
        }
    }

    private void route(Exchange ex) throws IOException {
        Matcher m;
        Viewer viewer = ex.session.viewer();
        String method = ex.method;
        boolean get = method.equals("GET");
        if (!get && !app.csrfOk(ex)) {
            error(ex, 403, "CSRF", "missing or wrong X-CSRF-Token header", null);
            return;
        }
        if (get && ex.path.equals("/api/session")) {
            ObjectNode session = app.json.createObjectNode();
            if (viewer instanceof Viewer.Member member) {
                session.set("user", app.json.valueToTree(member));
            } else {
                session.putNull("user");
            }
            session.put("csrfToken", ex.session.csrfToken);
            send(ex, 200, session);
        } else if (get && ex.path.equals("/api/boards")) {
            send(ex, 200, app.forum.boards().list(viewer).stream().map(b -> shown(viewer, b)).toList());
        } else if (get && (m = BOARD_TOPICS.matcher(ex.path)).matches()) {
            Board board = board(viewer, m.group(1));
            int size = ex.query("size").map(WebApp::number).orElse(WebApp.PAGE_SIZE);
            PageRequest<TopicCursor> request = ex.query("cursor").filter(c -> !c.isBlank())
                    .map(c -> PageRequest.after(TopicCursor.parse(c), size)).orElse(PageRequest.first(size));
            Page<Topic, TopicCursor> page = app.forum.boards().topics(viewer, board.id(), request);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("board", shown(viewer, board));
            body.put("topics", page.items());
            body.put("permissions", app.forum.boards().permissions(viewer, board.id()));
            body.put("nextCursor", page.optionalNext().map(TopicCursor::token).orElse(null));
            send(ex, 200, body);
        } else if (get && ex.path.equals("/api/search")) {
            int size = ex.query("size").map(WebApp::number).orElse(WebApp.PAGE_SIZE);
            PageRequest<SearchCursor> request = ex.query("cursor").filter(c -> !c.isBlank())
                    .map(c -> PageRequest.after(SearchCursor.parse(c), size)).orElse(PageRequest.first(size));
            Page<SearchHit, SearchCursor> page = app.forum.search().find(viewer, search(ex, viewer), request);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("hits", page.items());
            body.put("nextCursor", page.optionalNext().map(SearchCursor::token).orElse(null));
            send(ex, 200, body);
        } else if (get && (m = TOPIC.matcher(ex.path)).matches()) {
            send(ex, 200, json(page(ex, viewer, TopicId.of(WebApp.id(m.group(1))))));
        } else if (method.equals("POST") && (m = BOARD_TOPICS.matcher(ex.path)).matches()) {
            Board board = board(viewer, m.group(1));
            JsonNode body = body(ex);
            Topic topic = app.forum.topics().start(viewer, new StartTopic(board.id(), text(body, "title"),
                    text(body, "type"), text(body, "body"), format(body), null));
            send(ex, 201, topic);
        } else if (method.equals("POST") && (m = REPLIES.matcher(ex.path)).matches()) {
            send(ex, 201, reply(viewer, TopicId.of(WebApp.id(m.group(1))), body(ex)));
        } else if (method.equals("PUT") && (m = VOTE.matcher(ex.path)).matches()) {
            PostId post = PostId.of(WebApp.id(m.group(1)));
            String vote = Optional.ofNullable(text(body(ex), "vote")).orElse("");
            VoteChange change = vote.equals("NONE") ? app.forum.votes().retract(viewer, post)
                    : app.forum.votes().cast(viewer, post, WebApp.voteKind(vote));
            send(ex, 200, change);
        } else if (method.equals("POST") && (m = REPORTS.matcher(ex.path)).matches()) {
            JsonNode body = body(ex);
            send(ex, 201, app.forum.reports().report(viewer, new ReportPost(PostId.of(WebApp.id(m.group(1))),
                    WebApp.reportReason(Optional.ofNullable(text(body, "reason")).orElse("")), text(body, "text"))));
        } else if (method.equals("POST") && (m = RESOLVE.matcher(ex.path)).matches()) {
            JsonNode body = body(ex);
            Resolution resolution;
            try {
                resolution = Resolution.valueOf(Optional.ofNullable(text(body, "resolution")).orElse(""));
            } catch (IllegalArgumentException e) {
                throw new Exchange.BadRequest("resolution must be DISMISS, HIDE_POST, DELETE_POST or BAN_AUTHOR");
            }
            send(ex, 200, app.forum.reports().resolve(viewer, ReportId.of(WebApp.id(m.group(1))), resolution,
                    text(body, "reason")));
        } else if (ex.path.equals("/api/comments") && (get || method.equals("POST"))) {
            String key = ex.query("key").filter(k -> !k.isBlank())
                    .orElseThrow(() -> new Exchange.BadRequest("the query parameter key is required"));
            Board board = board(viewer, app.commentsBoard);
            if (get) {
                send(ex, 200, comments(ex, viewer, board, key));
            } else {
                send(ex, 201, comment(viewer, board, key, body(ex)));
            }
        } else {
            error(ex, 404, "NOT_FOUND", "no such endpoint: " + method + " " + ex.path, null);
        }
    }

    /** Moderator ids and moderation thresholds only for those who moderate the board: they help an abuser. */
    private Board shown(Viewer viewer, Board board) {
        return app.forum.boards().permissions(viewer, board.id()).moderate() ? board : board.publicView();
    }

    /** {@code q}, {@code titles=true}, {@code board} (slug) with {@code subBoards=false}, {@code author}, {@code topic},
     * {@code from}/{@code to} (ISO-8601 instants), {@code order=NEWEST}. */
    private SearchQuery search(Exchange ex, Viewer viewer) {
        SearchQuery query = SearchQuery.of(ex.query("q").orElse(""))
                .withTitlesOnly(ex.query("titles").map(Boolean::parseBoolean).orElse(false))
                .withOrder(ex.query("order").filter("NEWEST"::equals).map(o -> SearchOrder.NEWEST)
                        .orElse(SearchOrder.RELEVANCE));
        Optional<String> slug = ex.query("board").filter(b -> !b.isBlank());
        if (slug.isPresent()) {
            query = query.withBoard(board(viewer, slug.get()).id(),
                    !ex.query("subBoards").map("false"::equals).orElse(false));
        }
        query = ex.query("author").filter(a -> !a.isBlank()).map(UserId::of).map(query::withAuthor).orElse(query);
        query = ex.query("topic").map(t -> TopicId.of(WebApp.id(t))).map(query::withTopic).orElse(query);
        try {
            return query.withTime(ex.query("from").map(Instant::parse).orElse(null),
                    ex.query("to").map(Instant::parse).orElse(null));
        } catch (java.time.format.DateTimeParseException e) {
            throw new Exchange.BadRequest("from and to are ISO-8601 instants such as 2024-01-31T00:00:00Z");
        }
    }

    private Board board(Viewer viewer, String slug) {
        return app.forum.boards().bySlug(viewer, slug).orElseThrow(() -> new NotFoundException(Kind.BOARD, slug));
    }

    private TopicPage page(Exchange ex, Viewer viewer, TopicId topic) {
        int from = ex.query("fromFloor").map(WebApp::number).orElse(1);
        int size = ex.query("size").map(WebApp::number).orElse(WebApp.PAGE_SIZE);
        UserId author = ex.query("author").filter(a -> !a.isBlank()).map(UserId::of).orElse(null);
        TopicPage page = app.forum.topics().page(viewer, topic, new TopicPageRequest(from, size, author));
        if (from == 1) {
            app.forum.views().record(viewer, topic, ex.session.id);
        }
        return page;
    }

    /** A topic page as the API has always shown it: the next page's first floor is {@code nextFromFloor}. */
    private ObjectNode json(TopicPage page) {
        ObjectNode node = app.json.valueToTree(page);
        node.set("nextFromFloor", node.remove("next"));
        return node;
    }

    private Post reply(Viewer viewer, TopicId topic, JsonNode body) {
        Reply reply = new Reply(topic, text(body, "body"), format(body), integer(body, "replyToFloor"), List.of());
        JsonNode quote = body.get("quote");
        if (quote != null && !quote.isNull()) {
            Integer floor = integer(quote, "floor");
            if (floor == null) {
                throw new ValidationException(List.of(Violation.of("quote.floor", "required")));
            }
            String excerpt = text(quote, "excerpt");
            reply = excerpt == null ? reply.quoting(floor) : reply.quoting(floor, excerpt);
        }
        return app.forum.posts().reply(viewer, reply);
    }

    private Map<String, Object> comments(Exchange ex, Viewer viewer, Board board, String key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", key);
        Optional<Topic> topic = app.forum.topics().byExternalKey(viewer, board.id(), key);
        if (topic.isPresent()) {
            TopicPage page = page(ex, viewer, topic.get().id());
            body.put("topic", page.topic());
            body.put("page", json(page));
            body.put("canComment", page.permissions().reply());
        } else {
            body.put("topic", null);
            body.put("page", null);
            Decision start = app.forum.boards().permissions(viewer, board.id()).startTopic();
            body.put("canComment", start);
        }
        return body;
    }

    /** The first comment starts the page's thread; two first comments at once both land, one as floor 2. */
    private Post comment(Viewer viewer, Board board, String key, JsonNode body) {
        for (int attempt = 0; ; attempt++) {
            Optional<Topic> topic = app.forum.topics().byExternalKey(viewer, board.id(), key);
            if (topic.isPresent()) {
                return reply(viewer, topic.get().id(), body);
            }
            String title = Optional.ofNullable(text(body, "title")).filter(t -> !t.isBlank()).orElse(key);
            try {
                Topic started = app.forum.topics().start(viewer, new StartTopic(board.id(), title, null,
                        text(body, "body"), format(body), key));
                return app.forum.topics().page(viewer, started.id(), TopicPageRequest.first(1)).posts().get(0);
            } catch (ValidationException | ConflictException e) {
                boolean keyTaken = e instanceof ConflictException
                        || ((ValidationException) e).hasViolation("externalKey", "key_taken");
                if (!keyTaken || attempt > 0) {
                    throw e;
                }
            }
        }
    }

    private JsonNode body(Exchange ex) throws IOException {
        byte[] bytes = ex.body();
        if (bytes.length == 0) {
            throw new Exchange.BadRequest("a JSON body is required");
        }
        try {
            JsonNode node = app.json.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new Exchange.BadRequest("the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new Exchange.BadRequest("malformed JSON");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new Exchange.BadRequest(field + " must be a string");
        }
        return value.asText();
    }

    private static Integer integer(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new Exchange.BadRequest(field + " must be a whole number");
        }
        return value.asInt();
    }

    private static ContentFormat format(JsonNode body) {
        String format = text(body, "format");
        try {
            return format == null ? null : ContentFormat.of(format);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(List.of(Violation.of("format", "unknown_format")));
        }
    }

    private void send(Exchange ex, int status, Object body) throws IOException {
        ex.http.getResponseHeaders().set("Cache-Control", "no-store");
        ex.send(status, "application/json; charset=utf-8", app.json.writeValueAsBytes(body));
    }

    void error(Exchange ex, int status, String code, String message, ArrayNode violations) throws IOException {
        ObjectNode body = app.json.createObjectNode();
        body.put("error", code);
        body.put("message", message);
        if (violations != null) {
            body.set("violations", violations);
        }
        ex.send(status, "application/json; charset=utf-8", app.json.writeValueAsString(body)
                .getBytes(StandardCharsets.UTF_8));
    }
}
