package org.forumkit.examples.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.forumkit.ConflictException;
import org.forumkit.Forum;
import org.forumkit.ForumException;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.PermissionDeniedException;
import org.forumkit.RateLimitedException;
import org.forumkit.ValidationException;
import org.forumkit.examples.QueryCounter;
import org.forumkit.json.ForumJacksonModule;
import org.forumkit.model.Board;
import org.forumkit.model.BoardKind;
import org.forumkit.model.DenialReason;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.PostState;
import org.forumkit.render.QuoteBlocks;
import org.forumkit.model.QueuedReport;
import org.forumkit.model.Quote;
import org.forumkit.model.Decision;
import org.forumkit.model.Reply;
import org.forumkit.model.Report;
import org.forumkit.model.ReportId;
import org.forumkit.model.ReportPost;
import org.forumkit.model.Resolution;
import org.forumkit.model.ReportReason;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicCursor;
import org.forumkit.model.TopicId;
import org.forumkit.model.TopicPage;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.forumkit.model.VoteKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo host: a small web site with its own sign-in that passes its signed-in user into Forumkit on every
 * call, server-rendered forum pages in 简体中文 and English, and the JSON API the comments widget uses.
 */
public final class WebApp implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);
    static final int PAGE_SIZE = 20;
    static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    private static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-M-d HH:mm");
    private static final Pattern BOARD = Pattern.compile("/boards/([a-z0-9-]+)");
    private static final Pattern TOPIC = Pattern.compile("/topics/(\\d{1,18})");
    private static final Pattern FLOOR = Pattern.compile("/topics/(\\d{1,18})/floors/(\\d{1,9})");
    private static final Pattern REPLIES = Pattern.compile("/topics/(\\d{1,18})/replies");
    private static final Pattern NEW_TOPIC = Pattern.compile("/boards/([a-z0-9-]+)/topics");
    private static final Pattern VOTE = Pattern.compile("/posts/(\\d{1,18})/vote");
    private static final Pattern REPORT = Pattern.compile("/posts/(\\d{1,18})/report");
    private static final Pattern POST_ACTION = Pattern.compile("/posts/(\\d{1,18})/(delete|restore)");
    private static final Pattern TOPIC_ACTION = Pattern.compile("/topics/(\\d{1,18})/(lock|unlock|pin|unpin)");
    private static final Pattern REPORT_QUEUE = Pattern.compile("/boards/([a-z0-9-]+)/reports");
    private static final Pattern RESOLVE = Pattern.compile("/reports/(\\d{1,18})/resolve");
    private static final Pattern ARTICLE = Pattern.compile("/articles/([a-z0-9-]+)");
    private static final Map<String, String> STATIC = Map.of(
            "site.css", "text/css; charset=utf-8",
            "site.js", "text/javascript; charset=utf-8",
            "forumkit.js", "text/javascript; charset=utf-8");

    /** The demo host's users: in a real site these come from its own user table and login. */
    static final Map<String, Viewer.Member> DEMO_USERS = demoUsers();

    final Forum forum;
    final Sessions sessions = new Sessions();
    final Templates templates = new Templates();
    final ObjectMapper json = new ObjectMapper().registerModule(new ForumJacksonModule());
    private final QueryCounter queries;
    private final JsonApi api;
    final String commentsBoard;

    public WebApp(Forum forum, QueryCounter queries, String commentsBoard) {
        this.forum = forum;
        this.queries = queries;
        this.commentsBoard = commentsBoard;
        this.api = new JsonApi(this);
    }

    private static Map<String, Viewer.Member> demoUsers() {
        Map<String, Viewer.Member> users = new LinkedHashMap<>();
        users.put("alice", Viewer.user("alice", "Alice"));
        users.put("bob", Viewer.user("bob", "鲍勃"));
        users.put("carol", Viewer.user("carol", "Carol"));
        users.put("mod", Viewer.user("mod", "版主", "moderator"));
        return Map.copyOf(users);
    }

    @Override
    public void handle(HttpExchange http) throws IOException {
        long started = System.nanoTime();
        queries.reset();
        Exchange ex = new Exchange(http);
        try {
            attachSession(ex);
            if (ex.path.startsWith("/api/")) {
                api.handle(ex);
            } else {
                page(ex, started);
            }
        } catch (Exchange.BadRequest e) {
            fail(ex, 400, "BAD_REQUEST", e.getMessage(), started);
        } catch (RuntimeException e) {
            LOG.error("unexpected failure on {} {}", ex.method, ex.path, e);
            fail(ex, 500, "INTERNAL", "internal error", started);
        } finally {
            http.close();
        }
    }

    private void fail(Exchange ex, int status, String code, String message, long started) throws IOException {
        if (ex.path.startsWith("/api/")) {
            api.error(ex, status, code, message, null);
        } else {
            errorPage(ex, status, message, started);
        }
    }

    private void attachSession(Exchange ex) {
        ex.session = ex.cookie(Sessions.COOKIE).flatMap(sessions::find).orElseGet(() -> {
            Session created = sessions.create();
            ex.setCookie(Sessions.COOKIE, created.id, true);
            return created;
        });
        ex.locale = ex.cookie("lang").map(l -> l.equals("en") ? Locale.ENGLISH : CHINESE)
                .orElseGet(() -> ex.header("Accept-Language").filter(h -> h.startsWith("en"))
                        .map(h -> Locale.ENGLISH).orElse(CHINESE));
        ex.zone = ex.cookie("tz").map(WebApp::zone).orElse(DEFAULT_ZONE);
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(java.net.URLDecoder.decode(id, StandardCharsets.UTF_8));
        } catch (DateTimeException | IllegalArgumentException e) {
            return DEFAULT_ZONE;
        }
    }

    /** Whether a state-changing request carries the session's CSRF token (form field or header). */
    boolean csrfOk(Exchange ex) throws IOException {
        String presented = ex.header("X-CSRF-Token").orElse(null);
        if (presented == null && ex.header("Content-Type").orElse("").startsWith("application/x-www-form-urlencoded")) {
            presented = ex.form("csrf").orElse(null);
        }
        return ex.session.csrfMatches(presented);
    }

    // ---------------------------------------------------------------- pages

    private void page(Exchange ex, long started) throws IOException {
        Matcher m;
        try {
            boolean get = ex.method.equals("GET") || ex.method.equals("HEAD");
            if (get && ex.path.equals("/")) {
                html(ex, 200, "index", index(ex), started);
            } else if (get && (m = REPORT_QUEUE.matcher(ex.path)).matches()) {
                html(ex, 200, "reports", reportQueue(ex, m.group(1)), started);
            } else if (get && (m = BOARD.matcher(ex.path)).matches()) {
                html(ex, 200, "board", board(ex, m.group(1)), started);
            } else if (get && (m = FLOOR.matcher(ex.path)).matches()) {
                int floor = number(m.group(2));
                ex.redirect("/topics/" + m.group(1) + "?from=" + pageStart(floor) + "#floor-" + floor);
            } else if (get && (m = TOPIC.matcher(ex.path)).matches()) {
                html(ex, 200, "topic", topic(ex, TopicId.of(id(m.group(1)))), started);
            } else if (get && ex.path.equals("/search")) {
                html(ex, 200, "search", new SearchPage(this).scope(ex), started);
            } else if (get && ex.path.equals("/login")) {
                html(ex, 200, "login", login(ex), started);
            } else if (get && ex.path.equals("/lang")) {
                String to = ex.query("to").orElse("zh-CN").equals("en") ? "en" : "zh-CN";
                ex.setCookie("lang", to, false);
                ex.redirect(localPath(ex.query("next").orElse("/")));
            } else if (get && (m = ARTICLE.matcher(ex.path)).matches()) {
                article(ex, m.group(1));
            } else if (get && ex.path.startsWith("/static/")) {
                staticFile(ex, ex.path.substring("/static/".length()));
            } else if (ex.method.equals("POST")) {
                post(ex);
            } else {
                throw new Exchange.NotFound("page", ex.path);
            }
        } catch (NotFoundException | Exchange.NotFound e) {
            errorPage(ex, 404, e.getMessage(), started);
        } catch (PermissionDeniedException e) {
            errorPage(ex, e.reason() == DenialReason.LOGIN_REQUIRED ? 401 : 403, e.localizedMessage(ex.locale), started);
        } catch (ValidationException e) {
            errorPage(ex, 400, e.localizedMessage(ex.locale), started);
        } catch (RateLimitedException e) {
            errorPage(ex, 429, e.getMessage(), started);
        } catch (ConflictException e) {
            errorPage(ex, 409, e.getMessage(), started);
        } catch (ForumException e) {
            errorPage(ex, 400, e.getMessage(), started);
        }
    }

    private void post(Exchange ex) throws IOException {
        if (!csrfOk(ex)) {
            throw new PermissionDeniedException(DenialReason.NOT_ALLOWED, "missing or wrong CSRF token");
        }
        Matcher m;
        if (ex.path.equals("/login")) {
            Viewer.Member user = DEMO_USERS.get(ex.form("user").orElse(""));
            if (user == null) {
                throw new Exchange.BadRequest("unknown demo user");
            }
            Session session = sessions.signIn(ex.session, user);
            ex.setCookie(Sessions.COOKIE, session.id, true);
            ex.redirect(localPath(ex.form("next").orElse("/")));
        } else if (ex.path.equals("/logout")) {
            sessions.remove(ex.session);
            ex.setCookie(Sessions.COOKIE, sessions.create().id, true);
            ex.redirect("/");
        } else if ((m = REPLIES.matcher(ex.path)).matches()) {
            TopicId topic = TopicId.of(id(m.group(1)));
            Reply reply = Reply.to(topic, ex.form("body").orElse(""));
            Optional<String> quote = ex.form("quote").filter(q -> !q.isBlank());
            if (quote.isPresent()) {
                reply = reply.quoting(number(quote.get()));
            }
            Post post = forum.posts().reply(ex.session.viewer(), reply);
            ex.redirect(permalink(topic, post.floor()));
        } else if ((m = NEW_TOPIC.matcher(ex.path)).matches()) {
            String slug = m.group(1);
            Board board = forum.boards().bySlug(ex.session.viewer(), slug)
                    .orElseThrow(() -> new NotFoundException(Kind.BOARD, slug));
            String type = ex.form("type").filter(t -> !t.isBlank()).orElse(null);
            Topic topic = forum.topics().start(ex.session.viewer(), new StartTopic(board.id(),
                    ex.form("title").orElse(""), type, ex.form("body").orElse(""), null, null));
            ex.redirect("/topics/" + topic.id().value());
        } else if ((m = POST_ACTION.matcher(ex.path)).matches()) {
            PostId post = PostId.of(id(m.group(1)));
            if (m.group(2).equals("delete")) {
                forum.posts().delete(ex.session.viewer(), post);
            } else {
                forum.posts().restore(ex.session.viewer(), post);
            }
            ex.redirect(localPath(ex.form("next").orElse("/")));
        } else if ((m = TOPIC_ACTION.matcher(ex.path)).matches()) {
            TopicId topic = TopicId.of(id(m.group(1)));
            switch (m.group(2)) {
                case "lock" -> forum.topics().lock(ex.session.viewer(), topic, true);
                case "unlock" -> forum.topics().lock(ex.session.viewer(), topic, false);
                case "pin" -> forum.topics().pin(ex.session.viewer(), topic, 1);
                default -> forum.topics().pin(ex.session.viewer(), topic, 0);
            }
            ex.redirect("/topics/" + topic.value());
        } else if ((m = RESOLVE.matcher(ex.path)).matches()) {
            Resolution resolution;
            try {
                resolution = Resolution.valueOf(ex.form("resolution").orElse(""));
            } catch (IllegalArgumentException e) {
                throw new Exchange.BadRequest("resolution must be DISMISS, HIDE_POST, DELETE_POST or BAN_AUTHOR");
            }
            forum.reports().resolve(ex.session.viewer(), ReportId.of(id(m.group(1))), resolution,
                    ex.form("reason").orElse(""));
            ex.redirect(localPath(ex.form("next").orElse("/")));
        } else if ((m = REPORT.matcher(ex.path)).matches()) {
            PostId post = PostId.of(id(m.group(1)));
            forum.reports().report(ex.session.viewer(), new ReportPost(post,
                    reportReason(ex.form("reason").orElse("")), ex.form("text").filter(t -> !t.isBlank()).orElse(null)));
            ex.redirect(localPath(ex.form("next").orElse("/")));
        } else if ((m = VOTE.matcher(ex.path)).matches()) {
            PostId post = PostId.of(id(m.group(1)));
            String vote = ex.form("vote").orElse("");
            if (vote.equals("NONE")) {
                forum.votes().retract(ex.session.viewer(), post);
            } else {
                forum.votes().cast(ex.session.viewer(), post, voteKind(vote));
            }
            ex.redirect(localPath(ex.form("next").orElse("/")));
        } else {
            throw new Exchange.NotFound("page", ex.path);
        }
    }

    static ReportReason reportReason(String value) {
        try {
            return ReportReason.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new Exchange.BadRequest("reason must be SPAM, ABUSE, OFF_TOPIC or OTHER");
        }
    }

    static VoteKind voteKind(String value) {
        try {
            return VoteKind.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new Exchange.BadRequest("vote must be SUPPORT, OPPOSE or NONE");
        }
    }

    Map<String, Object> base(Exchange ex, String title) {
        Map<String, Object> scope = new HashMap<>();
        scope.put("t", templates.texts(ex.locale));
        scope.put("lang", ex.locale.equals(Locale.ENGLISH) ? "en" : "zh-CN");
        scope.put("otherLang", ex.locale.equals(Locale.ENGLISH) ? "zh-CN" : "en");
        scope.put("title", title);
        scope.put("csrf", ex.session.csrfToken);
        String here = ex.path + Optional.ofNullable(ex.http.getRequestURI().getRawQuery()).map(q -> "?" + q).orElse("");
        scope.put("here", java.net.URLEncoder.encode(here, StandardCharsets.UTF_8));
        scope.put("herePath", here);
        if (ex.session.viewer() instanceof Viewer.Member member) {
            scope.put("user", Map.of("displayName", member.displayName(), "id", member.id().value()));
        }
        return scope;
    }

    private void html(Exchange ex, int status, String template, Map<String, Object> scope, long started)
            throws IOException {
        double seconds = (System.nanoTime() - started) / 1e9;
        int count = queries.count();
        String secondsText = String.format(Locale.ROOT, "%.6f", seconds);
        scope.put("footer", count < 0
                ? templates.text(ex.locale, "footer.generatedNoSql", secondsText)
                : templates.text(ex.locale, "footer.generated", secondsText, String.valueOf(count)));
        ex.http.getResponseHeaders().set("Cache-Control", "no-store");
        ex.send(status, "text/html; charset=utf-8", templates.render(template, scope).getBytes(StandardCharsets.UTF_8));
    }

    private void errorPage(Exchange ex, int status, String message, long started) throws IOException {
        Map<String, Object> scope = base(ex, templates.text(ex.locale, "error.title"));
        scope.put("message", message);
        html(ex, status, "error", scope, started);
    }

    private Map<String, Object> index(Exchange ex) {
        Viewer viewer = ex.session.viewer();
        List<Map<String, Object>> categories = new ArrayList<>();
        Map<String, Object> current = null;
        List<Board> boards = forum.boards().list(viewer);
        Map<org.forumkit.model.BoardId, Board> byId = new HashMap<>();
        boards.forEach(b -> byId.put(b.id(), b));
        for (Board board : boards) {
            if (board.kind() == BoardKind.CATEGORY || current == null) {
                current = new HashMap<>();
                current.put("name", board.kind() == BoardKind.CATEGORY ? board.name() : "");
                current.put("boards", new ArrayList<Map<String, Object>>());
                categories.add(current);
                if (board.kind() == BoardKind.CATEGORY) {
                    continue;
                }
            }
            Map<String, Object> row = new HashMap<>();
            row.put("slug", board.slug());
            row.put("name", board.name());
            row.put("description", board.description());
            row.put("topicCount", board.topicCount());
            row.put("postCount", board.postCount());
            row.put("sub", board.optionalParentId().map(byId::get).map(p -> p.kind() == BoardKind.BOARD).orElse(false));
            board.optionalLastPost().ifPresent(last -> row.put("lastPost", Map.of(
                    "link", permalink(last.topicId(), last.floor()),
                    "author", last.author().displayName(),
                    "time", time(ex, last.at()))));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) current.get("boards");
            rows.add(row);
        }
        Map<String, Object> scope = base(ex, templates.text(ex.locale, "nav.home"));
        scope.put("categories", categories);
        return scope;
    }

    private Map<String, Object> board(Exchange ex, String slug) {
        Viewer viewer = ex.session.viewer();
        Board board = forum.boards().bySlug(viewer, slug).orElseThrow(() -> new NotFoundException(Kind.BOARD, slug));
        PageRequest<TopicCursor> request;
        try {
            request = ex.query("after").map(c -> PageRequest.after(TopicCursor.parse(c), PAGE_SIZE))
                    .orElse(PageRequest.first(PAGE_SIZE));
        } catch (IllegalArgumentException e) {
            throw new Exchange.BadRequest("bad cursor");
        }
        Page<Topic, TopicCursor> page = forum.boards().topics(viewer, board.id(), request);
        List<Map<String, Object>> topics = new ArrayList<>();
        for (Topic topic : page.items()) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", topic.id().value());
            row.put("title", topic.title());
            row.put("type", topic.type());
            row.put("pinned", topic.pinLevel() > 0);
            row.put("locked", topic.locked());
            row.put("author", topic.author().displayName());
            row.put("created", time(ex, topic.createdAt()));
            row.put("replies", topic.replies());
            row.put("views", topic.views());
            row.put("lastBy", topic.lastPostBy().displayName());
            row.put("lastAt", time(ex, topic.lastPostAt()));
            topics.add(row);
        }
        Map<String, Object> scope = base(ex, board.name());
        scope.put("board", Map.of("name", board.name(), "description", board.description(), "slug", board.slug()));
        scope.put("topics", topics);
        Decision startTopic = forum.boards().permissions(viewer, board.id()).startTopic();
        if (startTopic.allowed()) {
            scope.put("newTopic", Map.of("types", board.topicTypes(), "hasTypes", !board.topicTypes().isEmpty()));
        } else {
            DenialReason reason = startTopic.reason();
            scope.put("denied", PermissionDeniedException.describe(reason, ex.locale));
            scope.put("loginRequired", reason == DenialReason.LOGIN_REQUIRED);
        }
        page.optionalNext().ifPresent(c -> scope.put("next", c.token()));
        return scope;
    }

    private Map<String, Object> topic(Exchange ex, TopicId id) {
        Viewer viewer = ex.session.viewer();
        int from = ex.query("from").map(WebApp::number).orElse(1);
        Optional<UserId> author = ex.query("author").filter(a -> !a.isBlank()).map(UserId::of);
        TopicPageRequest request = new TopicPageRequest(Math.max(1, from), PAGE_SIZE, author.orElse(null));
        TopicPage page = forum.topics().page(viewer, id, request);
        forum.views().record(viewer, id, ex.session.id);
        Topic topic = page.topic();
        Locale locale = ex.locale;

        List<Map<String, Object>> posts = new ArrayList<>();
        boolean canReply = page.permissions().reply().allowed();
        Decision report = page.permissions().report();
        List<Map<String, Object>> reasons = new ArrayList<>();
        for (ReportReason reason : ReportReason.values()) {
            reasons.add(Map.of("value", reason.name(), "label", templates.text(locale, "report." + reason.name())));
        }
        for (Post post : page.posts()) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", post.id().value());
            row.put("topicId", topic.id().value());
            row.put("floor", post.floor());
            row.put("floorLabel", post.floor() == 1 ? templates.text(locale, "topic.opening")
                    : templates.text(locale, "topic.floor", String.valueOf(post.floor())));
            row.put("permalink", permalink(topic.id(), post.floor()));
            row.put("author", post.author().displayName());
            row.put("authorId", java.net.URLEncoder.encode(post.author().id().value(), StandardCharsets.UTF_8));
            row.put("time", time(ex, post.createdAt()));
            row.put("iso", post.createdAt().toString());
            row.put("html", post.html());
            row.put("deleted", post.state() == PostState.DELETED);
            row.put("support", post.support());
            row.put("oppose", post.oppose());
            Optional<VoteKind> mine = page.myVote(post.id());
            row.put("mySupport", mine.filter(VoteKind.SUPPORT::equals).isPresent());
            row.put("myOppose", mine.filter(VoteKind.OPPOSE::equals).isPresent());
            row.put("supportValue", mine.filter(VoteKind.SUPPORT::equals).isPresent() ? "NONE" : "SUPPORT");
            row.put("opposeValue", mine.filter(VoteKind.OPPOSE::equals).isPresent() ? "NONE" : "OPPOSE");
            row.put("canReply", canReply);
            row.put("canReport", report.allowed());
            boolean moderator = page.permissions().moderate();
            boolean own = viewer.userId().map(post.author().id()::equals).orElse(false);
            row.put("canDelete", post.state() != PostState.DELETED && (moderator || own));
            row.put("canRestore", post.state() == PostState.DELETED && moderator);
            row.put("pending", post.state() == PostState.PENDING);
            row.put("reportLogin", report.reason() == DenialReason.LOGIN_REQUIRED);
            row.put("reasons", reasons);
            row.put("pageFrom", pageStart(post.floor()));
            post.optionalEditedAt().ifPresent(at -> row.put("editedNote", templates.text(locale, "topic.edited", time(ex, at))));
            List<Map<String, Object>> quotes = new ArrayList<>();
            for (Quote quote : post.quotes()) {
                quotes.add(Map.of("html", QuoteBlocks.render(quote, page.statusOf(quote),
                        q -> permalink(topic.id(), q.sourceFloor()), locale, ex.zone)));
            }
            row.put("quotes", quotes);
            posts.add(row);
        }

        Map<String, Object> scope = base(ex, topic.title());
        scope.put("topic", Map.of("id", topic.id().value(), "title", topic.title(),
                "type", Optional.ofNullable(topic.type()).orElse(""), "views", topic.views(),
                "replies", topic.replies()));
        scope.put("posts", posts);
        scope.put("locked", topic.locked());
        if (page.permissions().moderate()) {
            scope.put("moderation", Map.of("lock", topic.locked() ? "unlock" : "lock",
                    "lockLabel", templates.text(locale, topic.locked() ? "mod.unlock" : "mod.lock"),
                    "pin", topic.pinLevel() > 0 ? "unpin" : "pin",
                    "pinLabel", templates.text(locale, topic.pinLevel() > 0 ? "mod.unpin" : "mod.pin"),
                    "reports", "/boards/" + page.board().slug() + "/reports"));
        }
        scope.put("onlyAuthor", author.isPresent());
        scope.put("pages", pages(topic, request));
        scope.put("authorParam", author.map(a -> "&author=" + java.net.URLEncoder.encode(a.value(),
                StandardCharsets.UTF_8)).orElse(""));
        if (canReply) {
            Map<String, Object> form = new HashMap<>();
            ex.query("quote").map(WebApp::number).filter(q -> q >= 1 && q <= topic.highestFloor()).ifPresent(q -> {
                form.put("quoteFloor", q);
                form.put("quotingLabel", templates.text(locale, "topic.quoting", String.valueOf(q)));
            });
            scope.put("replyForm", form);
        } else {
            DenialReason reason = page.permissions().reply().reason();
            scope.put("denied", PermissionDeniedException.describe(reason, locale));
            scope.put("loginRequired", reason == DenialReason.LOGIN_REQUIRED);
        }
        return scope;
    }

    /** Page links by floor range: the first, the last and a window around the current page. */
    private static List<Map<String, Object>> pages(Topic topic, TopicPageRequest request) {
        List<Map<String, Object>> pages = new ArrayList<>();
        if (request.optionalOnlyAuthor().isPresent()) {
            return pages;
        }
        int count = (topic.highestFloor() + PAGE_SIZE - 1) / PAGE_SIZE;
        int current = (request.fromFloor() - 1) / PAGE_SIZE + 1;
        for (int page = 1; page <= count; page++) {
            if (page == 1 || page == count || Math.abs(page - current) <= 4) {
                pages.add(Map.of("number", page, "from", (page - 1) * PAGE_SIZE + 1, "current", page == current));
            }
        }
        return pages.size() > 1 ? pages : List.of();
    }

    private Map<String, Object> reportQueue(Exchange ex, String slug) {
        Viewer viewer = ex.session.viewer();
        Board board = forum.boards().bySlug(viewer, slug).orElseThrow(() -> new NotFoundException(Kind.BOARD, slug));
        Page<QueuedReport, ReportId> queue = forum.reports().queue(viewer, board.id(), PageRequest.first(PAGE_SIZE));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (QueuedReport queued : queue.items()) {
            Report report = queued.report();
            rows.add(Map.of("id", report.id().value(),
                    "post", permalink(report.topicId(), forum.posts().get(viewer, report.postId()).floor()),
                    "reporter", report.reporter().displayName(),
                    "reason", templates.text(ex.locale, "report." + report.reason().name()),
                    "text", Optional.ofNullable(report.text()).orElse(""),
                    "time", time(ex, report.createdAt())));
        }
        Map<String, Object> scope = base(ex, board.name());
        scope.put("board", Map.of("name", board.name(), "slug", board.slug()));
        scope.put("reports", rows);
        scope.put("total", queue.total());
        return scope;
    }

    private Map<String, Object> login(Exchange ex) {
        Map<String, Object> scope = base(ex, templates.text(ex.locale, "login.title"));
        List<Map<String, Object>> users = new ArrayList<>();
        for (Viewer.Member user : DEMO_USERS.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList()) {
            users.add(Map.of("id", user.id().value(), "label", templates.text(ex.locale, "login.as",
                    user.displayName() + (user.roles().isEmpty() ? "" : " (" + String.join(", ", user.roles()) + ")"))));
        }
        scope.put("demoUsers", users);
        scope.put("next", localPath(ex.query("next").orElse("/")));
        return scope;
    }

    private void article(Exchange ex, String slug) throws IOException {
        if (!slug.equals("civil-affairs")) {
            throw new Exchange.NotFound("article", slug);
        }
        Map<String, Object> scope = base(ex, "");
        boolean english = ex.locale.equals(Locale.ENGLISH);
        scope.put("articleTitle", english ? "Strengthening civil-affairs services" : "强化高水平崛起的民政服务保障");
        scope.put("articleLead", english
                ? "An article of an existing site. The comments below are Forumkit, embedded with one element and one script tag."
                : "这是一个“已有网站”的文章页。下面的评论区由 Forumkit 提供，只需一个元素和一个 script 标签即可嵌入。");
        scope.put("key", "article-" + slug);
        ex.send(200, "text/html; charset=utf-8", templates.render("article", scope).getBytes(StandardCharsets.UTF_8));
    }

    private void staticFile(Exchange ex, String name) throws IOException {
        String type = STATIC.get(name);
        if (type == null) {
            throw new Exchange.NotFound("file", name);
        }
        try (InputStream in = WebApp.class.getResourceAsStream("/static/" + name)) {
            if (in == null) {
                throw new Exchange.NotFound("file", name);
            }
            ex.http.getResponseHeaders().set("Cache-Control", "no-cache");
            ex.send(200, type, in.readAllBytes());
        }
    }

    String time(Exchange ex, Instant at) {
        return TIME.format(at.atZone(ex.zone));
    }

    static String permalink(TopicId topic, int floor) {
        return "/topics/" + topic.value() + "/floors/" + floor;
    }

    static int pageStart(int floor) {
        return (floor - 1) / PAGE_SIZE * PAGE_SIZE + 1;
    }

    /** Only paths of this site: never an open redirect to another host. */
    static String localPath(String next) {
        return next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") && !next.contains("\r")
                && !next.contains("\n") ? next : "/";
    }

    static long id(String text) {
        try {
            long id = Long.parseLong(text.strip());
            if (id < 1) {
                throw new Exchange.BadRequest("not an id: " + text);
            }
            return id;
        } catch (NumberFormatException e) {
            throw new Exchange.BadRequest("not an id: " + text);
        }
    }

    static int number(String text) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n < 1) {
                throw new Exchange.BadRequest("not a positive number: " + text);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Exchange.BadRequest("not a number: " + text);
        }
    }
}
