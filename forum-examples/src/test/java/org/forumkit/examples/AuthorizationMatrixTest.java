package org.forumkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.forumkit.Forum;
import org.forumkit.model.Board;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.Reply;
import org.forumkit.model.ReportId;
import org.forumkit.model.ReportPost;
import org.forumkit.model.ReportReason;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.Viewer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every write endpoint of the demo (the JSON API and the HTML forms) called by each kind of caller, against the
 * table below: anonymous, a member who is not the author (bob), the author (alice), the moderator of another board
 * (dave, who moderates the comments board), a global moderator (mod), alice with bob's CSRF token, alice without
 * one. Each call gets a fresh topic by alice (her post on floor 2 the target, carol's report on it); a refused call
 * leaves the topic, the post, the board and the report queue as they were, a granted one changes them.
 */
@Tag("h2")
@DisplayName("The authorization matrix through HTTP: who may call which write endpoint, and nothing written on refusal")
class AuthorizationMatrixTest {
    static final Viewer.Member ALICE = Viewer.user("alice", "Alice");
    static final Viewer.Member CAROL = Viewer.user("carol", "Carol");
    /** The demo's global moderator as the forum sees it, to look at what changed. */
    static final Viewer.Member MOD = Viewer.user("mod", "版主", "moderator");
    /** The callers, in the order of each row's statuses. */
    static final List<String> CALLERS = List.of("anonymous", "member", "author", "other board's moderator",
            "global moderator", "another session's CSRF token", "no CSRF token");

    @TempDir
    static Path data;
    static DemoApp app;
    static Forum forum;
    static Map<String, DemoClient> clients = new LinkedHashMap<>();

    /** A fresh target for one call: alice's topic, her post on floor 2, carol's report on it. */
    record Target(Topic topic, PostId post, ReportId report, Board board) {
    }

    /** One write endpoint: how to call it for a target, as which caller, and the expected status for each caller. */
    record Row(String endpoint, String board, boolean deleted, Call call, int... expected) {
    }

    @FunctionalInterface
    interface Call {
        DemoClient.Reply send(Caller caller, Target target) throws Exception;
    }

    /** A caller: its client, and how it sends a form or JSON (with its token, bob's, or none). */
    record Caller(DemoClient client, String token, boolean sendToken) {
        DemoClient.Reply json(String method, String path, String body) throws Exception {
            return client.jsonWithToken(method, path, body, sendToken ? token : null);
        }

        DemoClient.Reply form(String path, String... pairs) throws Exception {
            List<String> all = new ArrayList<>();
            if (sendToken) {
                all.add("csrf");
                all.add(token);
            }
            all.addAll(List.of(pairs));
            return client.formWithout(path, all.toArray(String[]::new));
        }
    }

    static final List<Row> TABLE = List.of(
            // the JSON API                                anon  member author other  global  foreign none
            new Row("POST /api/topics/{id}/replies", "news-media", false, (c, t) -> c.json("POST",
                    "/api/topics/" + t.topic().id().value() + "/replies", "{\"body\":\"矩阵回复\"}"),
                    401, 201, 201, 201, 201, 403, 403),
            new Row("POST /api/boards/{slug}/topics", "news-media", false, (c, t) -> c.json("POST",
                    "/api/boards/" + t.board().slug() + "/topics", "{\"title\":\"矩阵主题\",\"body\":\"正文\"" + type(t)
                    + "}"), 401, 201, 201, 201, 201, 403, 403),
            new Row("PUT /api/posts/{id}/vote", "news-media", false, (c, t) -> c.json("PUT",
                    "/api/posts/" + t.post().value() + "/vote", "{\"vote\":\"SUPPORT\"}"),
                    401, 200, 403, 200, 200, 403, 403),
            new Row("POST /api/posts/{id}/reports", "news-media", false, (c, t) -> c.json("POST",
                    "/api/posts/" + t.post().value() + "/reports", "{\"reason\":\"SPAM\"}"),
                    401, 201, 201, 201, 201, 403, 403),
            new Row("POST /api/reports/{id}/resolve", "news-media", false, (c, t) -> c.json("POST",
                    "/api/reports/" + t.report().value() + "/resolve", "{\"resolution\":\"HIDE_POST\",\"reason\":\"广告\"}"),
                    401, 403, 403, 403, 200, 403, 403),
            new Row("POST /api/reports/{id}/resolve on dave's board", "comments", false, (c, t) -> c.json("POST",
                    "/api/reports/" + t.report().value() + "/resolve", "{\"resolution\":\"HIDE_POST\",\"reason\":\"广告\"}"),
                    401, 403, 403, 200, 200, 403, 403),
            new Row("POST /api/comments?key=", "comments", false, (c, t) -> c.json("POST",
                    "/api/comments?key=" + t.topic().externalKey(), "{\"body\":\"矩阵评论\"}"),
                    401, 201, 201, 201, 201, 403, 403),
            // the HTML forms
            new Row("POST /topics/{id}/replies", "news-media", false, (c, t) -> c.form(
                    "/topics/" + t.topic().id().value() + "/replies", "body", "表单回复"),
                    401, 303, 303, 303, 303, 403, 403),
            new Row("POST /boards/{slug}/topics", "news-media", false, (c, t) -> c.form(
                    "/boards/" + t.board().slug() + "/topics", "title", "表单主题", "body", "正文", "type",
                    t.board().topicTypes().isEmpty() ? "" : t.board().topicTypes().get(0)),
                    401, 303, 303, 303, 303, 403, 403),
            new Row("POST /posts/{id}/vote", "news-media", false, (c, t) -> c.form(
                    "/posts/" + t.post().value() + "/vote", "vote", "OPPOSE"),
                    401, 303, 403, 303, 303, 403, 403),
            new Row("POST /posts/{id}/report", "news-media", false, (c, t) -> c.form(
                    "/posts/" + t.post().value() + "/report", "reason", "ABUSE"),
                    401, 303, 303, 303, 303, 403, 403),
            new Row("POST /posts/{id}/delete", "news-media", false, (c, t) -> c.form(
                    "/posts/" + t.post().value() + "/delete"),
                    401, 403, 303, 403, 303, 403, 403),
            new Row("POST /posts/{id}/restore", "news-media", true, (c, t) -> c.form(
                    "/posts/" + t.post().value() + "/restore"),
                    401, 403, 403, 403, 303, 403, 403),
            new Row("POST /topics/{id}/lock", "news-media", false, (c, t) -> c.form(
                    "/topics/" + t.topic().id().value() + "/lock"),
                    401, 403, 403, 403, 303, 403, 403),
            new Row("POST /topics/{id}/pin", "news-media", false, (c, t) -> c.form(
                    "/topics/" + t.topic().id().value() + "/pin"),
                    401, 403, 403, 403, 303, 403, 403),
            new Row("POST /reports/{id}/resolve", "news-media", false, (c, t) -> c.form(
                    "/reports/" + t.report().value() + "/resolve", "resolution", "DELETE_POST", "reason", "广告"),
                    401, 403, 403, 403, 303, 403, 403),
            new Row("POST /reports/{id}/resolve on dave's board", "comments", false, (c, t) -> c.form(
                    "/reports/" + t.report().value() + "/resolve", "resolution", "DELETE_POST", "reason", "广告"),
                    401, 403, 403, 303, 303, 403, 403));

    @BeforeAll
    static void start() throws Exception {
        app = DemoApp.start(new DemoConfig(0, null, null, null, data), Map.of("forumkit.api.rate-limit.enabled",
                false));
        forum = app.forum();
        clients.put("anonymous", new DemoClient(app.url()));
        for (String user : List.of("bob", "alice", "dave", "mod")) {
            clients.put(user, new DemoClient(app.url()).signIn(user));
        }
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static String type(Target target) {
        return target.board().topicTypes().isEmpty() ? "" : ",\"type\":\"" + target.board().topicTypes().get(0) + "\"";
    }

    static Caller caller(String name) throws Exception {
        return switch (name) {
            case "anonymous" -> new Caller(clients.get("anonymous"), clients.get("anonymous").csrf(), true);
            case "member" -> new Caller(clients.get("bob"), clients.get("bob").csrf(), true);
            case "author" -> new Caller(clients.get("alice"), clients.get("alice").csrf(), true);
            case "other board's moderator" -> new Caller(clients.get("dave"), clients.get("dave").csrf(), true);
            case "global moderator" -> new Caller(clients.get("mod"), clients.get("mod").csrf(), true);
            case "another session's CSRF token" -> new Caller(clients.get("alice"), clients.get("bob").csrf(), true);
            default -> new Caller(clients.get("alice"), null, false);
        };
    }

    static Target target(String slug, boolean deleted, int n) {
        Board board = forum.boards().bySlug(MOD, slug).orElseThrow();
        StartTopic start = new StartTopic(board.id(), "矩阵 " + n, board.topicTypes().isEmpty() ? null
                : board.topicTypes().get(0), "一楼", null, slug.equals("comments") ? "matrix-" + n + "-"
                + System.nanoTime() : null);
        Topic topic = forum.topics().start(ALICE, start);
        Post post = forum.posts().reply(ALICE, Reply.to(topic.id(), "Alice 的二楼"));
        ReportId report = forum.reports().report(CAROL, new ReportPost(post.id(), ReportReason.SPAM, "广告")).id();
        if (deleted) {
            forum.posts().delete(MOD, post.id());
        }
        return new Target(forum.topics().get(MOD, topic.id()), post.id(), report, board);
    }

    /** What a write could change: the topic, the post, the board's topics and its report queue. */
    static String state(Target target) {
        Topic topic = forum.topics().get(MOD, target.topic().id());
        Post post = forum.posts().get(MOD, target.post());
        Board board = forum.boards().get(MOD, target.board().id());
        int reports = forum.reports().queue(MOD, board.id(), PageRequest.first(100)).items().size();
        return "replies=" + topic.replies() + " highest=" + topic.highestFloor() + " locked=" + topic.locked()
                + " pin=" + topic.pinLevel() + " post=" + post.state() + " support=" + post.support() + " oppose="
                + post.oppose() + " boardTopics=" + board.topicCount() + " boardPosts=" + board.postCount()
                + " openReports=" + reports;
    }

    @Test
    @DisplayName("each endpoint × caller answers as the table says; refusals write nothing, grants write")
    void matrix() throws Exception {
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        int targets = 0;
        for (Row row : TABLE) {
            Target target = null;
            for (int i = 0; i < CALLERS.size(); i++) {
                calls++;
                if (target == null) {
                    // a refused call leaves its target as it was (checked below), so the next caller may reuse it
                    target = target(row.board(), row.deleted(), targets++);
                }
                String before = state(target);
                DemoClient.Reply reply = row.call().send(caller(CALLERS.get(i)), target);
                String after = state(target);
                int expected = row.expected()[i];
                boolean granted = expected < 400;
                if (reply.status() != expected) {
                    wrong.add(row.endpoint() + " as " + CALLERS.get(i) + ": " + reply.status() + " (expected "
                            + expected + ") " + abbreviate(reply.text()));
                } else if (granted == before.equals(after)) {
                    wrong.add(row.endpoint() + " as " + CALLERS.get(i) + ": " + (granted ? "granted but wrote nothing"
                            : "refused but wrote: " + before + " → " + after));
                }
                if (granted || !before.equals(after)) {
                    target = null;
                }
            }
        }
        System.out.printf("authorization matrix: %d endpoints × %d callers = %d calls on %d fresh topics%n",
                TABLE.size(), CALLERS.size(), calls, targets);
        assertThat(wrong).as("calls that differ from the table").isEmpty();
    }

    @Test
    @DisplayName("/api/boards shows a board's moderators and moderation settings only to who moderates it")
    void boardsHideModerators() throws Exception {
        assertThat(clients.get("anonymous").get("/api/boards").text()).doesNotContain("\"dave\"");
        assertThat(clients.get("bob").get("/api/boards").text()).doesNotContain("\"dave\"");
        assertThat(clients.get("dave").get("/api/boards").text()).contains("\"dave\"");
    }

    static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
