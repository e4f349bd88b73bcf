package org.forumkit.jpa.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.forumkit.Forum;
import org.forumkit.jpa.spring.ServerHostAccess;
import org.forumkit.jpa.spring.web.Browser.Answer;
import org.forumkit.jpa.spring.web.host.ApiHostApp;
import org.forumkit.jpa.testing.TestServer;
import org.forumkit.model.Board;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.Viewer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The forum's API and widget in a real Spring Boot site ({@link ApiHostApp}: Tomcat on a random port, its own
 * Spring Security form sign-in, the API fitted in with {@link ForumkitApiConfigurer}), driven over real HTTP on
 * each database: every endpoint, CSRF, CORS, the widget's files, and every kind of bad input.
 */
class ForumkitApiHttpTest {
    private static final Viewer.Member ADMIN = Viewer.user("admin", "Admin", "admin");
    private static final int MAX_BODY = 8 * 1024;
    private static final String ALLOWED_ORIGIN = "http://blog.example.test";
    private static final String ALLOWED_PATTERN = "https://*.shop.example.test";

    @Nested
    @Tag("h2")
    class OnH2 extends Cases {
        @Override
        Map<String, Object> database() {
            return BootHosts.h2("api");
        }
    }

    @Nested
    @Tag("postgresql")
    class OnPostgreSql extends Cases {
        @Override
        Map<String, Object> database() {
            return ServerHostAccess.properties(TestServer.POSTGRESQL);
        }
    }

    @Nested
    @Tag("mariadb")
    class OnMariaDb extends Cases {
        @Override
        Map<String, Object> database() {
            return ServerHostAccess.properties(TestServer.MARIADB);
        }
    }

    /** The tests, run once per database by the nested classes above (one JUnit tag each). */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Cases {
        ConfigurableApplicationContext app;
        Forum forum;
        int port;
        String commentsBoard;
        Board general;

        abstract Map<String, Object> database();

        @BeforeAll
        void start() {
            commentsBoard = "c" + UUID.randomUUID().toString().substring(0, 8);
            Map<String, Object> properties = new HashMap<>(database());
            properties.put("forumkit.api.max-body-size", MAX_BODY + "B");
            properties.put("forumkit.api.cors.allowed-origins", ALLOWED_ORIGIN);
            properties.put("forumkit.api.cors.allowed-origin-patterns", ALLOWED_PATTERN);
            properties.put("forumkit.widget.enabled", "true");
            properties.put("site.comments-board", commentsBoard);
            app = BootHosts.start(ApiHostApp.class, properties);
            port = BootHosts.port(app);
            forum = app.getBean(Forum.class);
            forum.boards().create(ADMIN, CreateBoard.board(null, commentsBoard, "Comments"));
            general = forum.boards().create(ADMIN, CreateBoard.board(null, "g" + UUID.randomUUID().toString()
                    .substring(0, 8), "General"));
        }

        @AfterAll
        void stop() {
            BootHosts.stop(app);
        }

        Browser anonymous() {
            Browser browser = new Browser(port);
            browser.session();
            return browser;
        }

        Browser signedIn(String user) {
            return new Browser(port).signIn(user);
        }

        Topic topic(String title) {
            return forum.topics().start(Viewer.user("carol", "Carol"), StartTopic.of(general.id(), title,
                    "The opening post of " + title + "."));
        }

        long posts(TopicId topic) {
            return forum.topics().get(ADMIN, topic).highestFloor();
        }

        /** The documented error JSON and nothing else: no stack trace, no Spring Boot error JSON, no HTML page. */
        static JsonNode error(Answer answer, int status, String code) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
            assertThat(answer.header("Content-Type")).as(answer.toString()).startsWith("application/json");
            JsonNode body = answer.json();
            assertThat(body.path("error").asText()).as(answer.toString()).isEqualTo(code);
            assertThat(body.path("message").asText()).as(answer.toString()).isNotBlank();
            List<String> fields = new ArrayList<>();
            body.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).as(answer.toString()).isSubsetOf("error", "message", "violations");
            assertThat(answer.text()).doesNotContain("Exception", "\tat ", "Whitelabel", "timestamp", "<html");
            return body;
        }

        // ------------------------------------------------------------------ every endpoint's happy path

        @Test
        @DisplayName("GET /api/session: null user and a CSRF token before sign-in, the user and a new token after")
        void session() {
            Browser browser = new Browser(port);
            JsonNode before = browser.session();
            assertThat(before.get("user").isNull()).isTrue();
            assertThat(before.path("csrfToken").asText()).isNotBlank();
            assertThat(before.path("csrfHeader").asText()).isEqualTo("X-CSRF-TOKEN");
            String anonymousToken = browser.csrfToken;

            browser.signIn("mod");
            JsonNode after = browser.session();
            assertThat(after.path("user").path("id").asText()).isEqualTo("mod");
            assertThat(after.path("user").path("displayName").asText()).isEqualTo("mod");
            assertThat(after.path("user").path("roles").toString()).contains("moderator");
            assertThat(browser.csrfToken).isNotBlank().isNotEqualTo(anonymousToken);
        }

        @Test
        @DisplayName("boards, a board's topics (cursor paging), starting a topic and reading its page")
        void boardsAndTopics() {
            Browser alice = signedIn("alice");
            Answer boards = alice.get("/api/boards");
            assertThat(boards.status()).isEqualTo(200);
            assertThat(boards.header("Cache-Control")).isEqualTo("no-store");
            assertThat(boards.json().findValuesAsText("slug")).contains(general.slug(), commentsBoard);

            Answer started = alice.write("POST", "/api/boards/" + general.slug() + "/topics",
                    "{\"title\": \"Started over HTTP\", \"body\": \"Hello **there**.\", \"format\": \"MARKDOWN\"}");
            assertThat(started.status()).as(started.toString()).isEqualTo(201);
            long id = started.json().path("id").asLong();
            assertThat(started.json().path("title").asText()).isEqualTo("Started over HTTP");
            alice.write("POST", "/api/boards/" + general.slug() + "/topics",
                    "{\"title\": \"Another one\", \"body\": \"Second topic.\"}");

            Answer first = alice.get("/api/boards/" + general.slug() + "/topics?size=1");
            assertThat(first.status()).isEqualTo(200);
            JsonNode page = first.json();
            assertThat(page.path("board").path("slug").asText()).isEqualTo(general.slug());
            assertThat(page.path("topics")).hasSize(1);
            assertThat(page.path("permissions").path("startTopic").path("allowed").asBoolean()).isTrue();
            String cursor = page.path("nextCursor").asText();
            assertThat(cursor).isNotBlank();
            JsonNode second = alice.get("/api/boards/" + general.slug() + "/topics?size=1&cursor=" + cursor).json();
            assertThat(second.path("topics").get(0).path("id").asLong())
                    .isNotEqualTo(page.path("topics").get(0).path("id").asLong());

            Answer topic = new Browser(port).get("/api/topics/" + id);
            assertThat(topic.status()).isEqualTo(200);
            JsonNode body = topic.json();
            assertThat(body.path("topic").path("id").asLong()).isEqualTo(id);
            assertThat(body.path("posts").get(0).path("html").asText()).contains("<strong>there</strong>");
            assertThat(body.has("nextFromFloor")).isTrue();
            assertThat(body.has("next")).isFalse();
            assertThat(body.has("myVotes")).isTrue();
        }

        @Test
        @DisplayName("a reply quoting floor 1, votes cast and taken back, a report and its resolution (409 the second time)")
        void repliesVotesReports() {
            Topic topic = topic("Replies");
            Browser bob = signedIn("bob");
            Answer reply = bob.write("POST", "/api/topics/" + topic.id().value() + "/replies",
                    "{\"body\": \"I agree.\", \"quote\": {\"floor\": 1}, \"replyToFloor\": 1}");
            assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
            JsonNode post = reply.json();
            assertThat(post.path("floor").asInt()).isEqualTo(2);
            assertThat(post.path("quotes")).hasSize(1);
            long postId = post.path("id").asLong();

            Browser alice = signedIn("alice");
            Answer vote = alice.write("PUT", "/api/posts/" + postId + "/vote", "{\"vote\": \"SUPPORT\"}");
            assertThat(vote.status()).as(vote.toString()).isEqualTo(200);
            assertThat(vote.json().path("support").asLong()).isEqualTo(1);
            assertThat(vote.json().path("after").asText()).isEqualTo("SUPPORT");
            JsonNode none = alice.write("PUT", "/api/posts/" + postId + "/vote", "{\"vote\": \"NONE\"}").json();
            assertThat(none.path("support").asLong()).isZero();

            Answer report = alice.write("POST", "/api/posts/" + postId + "/reports",
                    "{\"reason\": \"SPAM\", \"text\": \"Looks like an advert.\"}");
            assertThat(report.status()).as(report.toString()).isEqualTo(201);
            long reportId = report.json().path("id").asLong();

            Browser mod = signedIn("mod");
            Answer resolved = mod.write("POST", "/api/reports/" + reportId + "/resolve",
                    "{\"resolution\": \"DISMISS\", \"reason\": \"Not spam.\"}");
            assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
            error(mod.write("POST", "/api/reports/" + reportId + "/resolve",
                    "{\"resolution\": \"DISMISS\", \"reason\": \"Again.\"}"), 409, "CONFLICT");
        }

        @Test
        @DisplayName("GET /api/search finds a post by a word of it")
        void search() {
            Topic topic = topic("Searching for zanzibarite");
            Answer hits = new Browser(port).get("/api/search?q=zanzibarite&board=" + general.slug());
            assertThat(hits.status()).as(hits.toString()).isEqualTo(200);
            assertThat(hits.json().path("hits").findValuesAsText("topicId")).contains(String.valueOf(topic.id().value()));
            assertThat(hits.json().has("nextCursor")).isTrue();
        }

        @Test
        @DisplayName("comments: no thread before the first comment, which starts it under the site's title; more follow")
        void comments() {
            String key = "article-" + UUID.randomUUID().toString().substring(0, 8);
            JsonNode empty = anonymous().get("/api/comments?key=" + key).json();
            assertThat(empty.path("key").asText()).isEqualTo(key);
            assertThat(empty.get("topic").isNull()).isTrue();
            assertThat(empty.get("page").isNull()).isTrue();
            assertThat(empty.path("canComment").path("allowed").asBoolean()).isFalse();
            assertThat(empty.path("canComment").path("reason").asText()).isEqualTo("LOGIN_REQUIRED");

            Browser alice = signedIn("alice");
            Answer first = alice.write("POST", "/api/comments?key=" + key,
                    "{\"body\": \"First!\", \"title\": \"A title the widget asked for\"}");
            assertThat(first.status()).as(first.toString()).isEqualTo(201);
            assertThat(first.json().path("floor").asInt()).isEqualTo(1);
            Answer second = signedIn("bob").write("POST", "/api/comments?key=" + key,
                    "{\"body\": \"Second.\", \"quote\": {\"floor\": 1, \"excerpt\": \"First\"}}");
            assertThat(second.json().path("floor").asInt()).isEqualTo(2);

            JsonNode thread = alice.get("/api/comments?key=" + key).json();
            assertThat(thread.path("topic").path("title").asText()).isEqualTo("Article " + key.substring(8));
            assertThat(thread.path("page").path("posts")).hasSize(2);
            assertThat(thread.path("canComment").path("allowed").asBoolean()).isTrue();

            // the host names its threads: a visitor's title is never taken, not even for a thread without one
            String free = "free-" + UUID.randomUUID().toString().substring(0, 8);
            alice.write("POST", "/api/comments?key=" + free, "{\"body\": \"Mine.\", \"title\": \"Titled by me\"}");
            assertThat(alice.get("/api/comments?key=" + free).json().path("topic").path("title").asText())
                    .isEqualTo(free);

            error(alice.get("/api/comments?key=unknown-page"), 404, "NOT_FOUND");
            error(alice.write("POST", "/api/comments?key=unknown-page", "{\"body\": \"x\"}"), 404, "NOT_FOUND");
            error(alice.get("/api/comments"), 400, "BAD_REQUEST");
        }

        @Test
        @DisplayName("the forum's own refusals: 404 for a missing topic, 400 VALIDATION with violations, 401 signed out")
        void forumErrors() {
            Topic topic = topic("Refusals");
            Browser alice = signedIn("alice");
            error(alice.get("/api/topics/999999999"), 404, "NOT_FOUND");
            JsonNode invalid = error(alice.write("POST", "/api/topics/" + topic.id().value() + "/replies",
                    "{\"body\": \"   \"}"), 400, "VALIDATION");
            assertThat(invalid.path("violations").get(0).path("field").asText()).isEqualTo("body");
            error(alice.write("POST", "/api/topics/" + topic.id().value() + "/replies",
                    "{\"body\": \"x\", \"format\": \"no-such-format\"}"), 400, "VALIDATION");

            Browser visitor = anonymous();
            error(visitor.write("POST", "/api/topics/" + topic.id().value() + "/replies", "{\"body\": \"Hi.\"}"),
                    401, "LOGIN_REQUIRED");
            error(visitor.write("PUT", "/api/posts/1/vote", "{\"vote\": \"SUPPORT\"}"), 401, "LOGIN_REQUIRED");
            assertThat(posts(topic.id())).isEqualTo(1);
        }

        @Test
        @DisplayName("a host bug behind the API is a 500 JSON, its stack trace only in the log")
        void hostFailure() {
            error(anonymous().get("/api/comments?key=boom"), 500, "INTERNAL");
        }

        // ------------------------------------------------------------------ CSRF and CORS

        @Test
        @DisplayName("a write without the CSRF token, or with a stale one, is a 403 CSRF and writes nothing")
        void csrf() {
            Topic topic = topic("CSRF");
            String path = "/api/topics/" + topic.id().value() + "/replies";
            Browser alice = new Browser(port);
            alice.session();
            String stale = alice.csrfToken; // the token before sign-in: Spring Security replaces it at sign-in
            alice.signIn("alice");

            error(alice.send("POST", path, "application/json", "{\"body\": \"No token.\"}".getBytes(StandardCharsets.UTF_8),
                    false), 403, "CSRF");
            JsonNode wrong = error(alice.send("POST", path, "application/json",
                    "{\"body\": \"Stale token.\"}".getBytes(StandardCharsets.UTF_8), false, "X-CSRF-TOKEN", stale),
                    403, "CSRF");
            assertThat(wrong.path("message").asText()).contains("CSRF").contains("stale");
            JsonNode chinese = error(alice.send("POST", path, "application/json",
                    "{\"body\": \"x\"}".getBytes(StandardCharsets.UTF_8), false, "Accept-Language", "zh-CN"), 403, "CSRF");
            assertThat(chinese.path("message").asText()).contains("令牌");
            assertThat(posts(topic.id())).isEqualTo(1);

            assertThat(alice.write("POST", path, "{\"body\": \"With the token.\"}").status()).isEqualTo(201);
        }

        @Test
        @DisplayName("CORS: a preflight from the allowed origin is answered with credentials; another origin gets 403 JSON")
        void cors() {
            Browser browser = new Browser(port);
            Answer allowed = browser.send(java.net.http.HttpRequest.newBuilder(browser.uri("/api/comments?key=free-x"))
                    .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                    .header("Origin", ALLOWED_ORIGIN).header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type, x-csrf-token"));
            assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
            assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED_ORIGIN);
            assertThat(allowed.header("Access-Control-Allow-Credentials")).isEqualTo("true");
            assertThat(allowed.header("Access-Control-Allow-Methods")).contains("POST");
            assertThat(allowed.header("Access-Control-Allow-Headers").toLowerCase()).contains("x-csrf-token");

            Answer refused = browser.send(java.net.http.HttpRequest.newBuilder(browser.uri("/api/comments?key=free-x"))
                    .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "http://evil.example.test").header("Access-Control-Request-Method", "POST"));
            error(refused, 403, "CORS");
            assertThat(refused.header("Access-Control-Allow-Origin")).isEmpty();

            Answer read = browser.get("/api/boards", "Origin", ALLOWED_ORIGIN);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED_ORIGIN);
        }

        @Test
        @DisplayName("CORS patterns: an origin matching forumkit.api.cors.allowed-origin-patterns is allowed, its look-alikes are not")
        void corsPatterns() {
            Browser browser = new Browser(port);
            String origin = "https://eu.shop.example.test";
            Answer preflight = browser.send(java.net.http.HttpRequest.newBuilder(browser.uri("/api/comments?key=free-p"))
                    .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                    .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type, x-csrf-token"));
            assertThat(preflight.status()).as(preflight.toString()).isEqualTo(200);
            assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(origin);
            assertThat(preflight.header("Access-Control-Allow-Credentials")).isEqualTo("true");

            Answer read = browser.get("/api/boards", "Origin", origin);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.header("Access-Control-Allow-Origin")).isEqualTo(origin);

            for (String lookalike : List.of("http://eu.shop.example.test", "https://shop.example.test.evil.test",
                    "https://eushop.example.test", "https://eu.shop.example.test:8443")) {
                Answer refused = browser.get("/api/boards", "Origin", lookalike);
                error(refused, 403, "CORS");
                assertThat(refused.header("Access-Control-Allow-Origin")).as(lookalike).isEmpty();
            }
        }

        // ------------------------------------------------------------------ the widget

        @Test
        @DisplayName("the widget's script and stylesheet: content types, ETag revalidation, nosniff, the API's path inside")
        void widget() {
            Browser browser = new Browser(port);
            Answer script = browser.get("/forumkit/forumkit.js", "Accept", "*/*");
            assertThat(script.status()).isEqualTo(200);
            assertThat(script.header("Content-Type")).isEqualToIgnoringCase("text/javascript;charset=UTF-8");
            assertThat(script.header("Cache-Control")).isEqualTo("no-cache");
            assertThat(script.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(script.text()).contains("var API = '/api';", "data-forumkit-key", "csrfHeader");
            String etag = script.header("ETag");
            assertThat(etag).startsWith("\"").endsWith("\"");

            Answer again = browser.get("/forumkit/forumkit.js", "Accept", "*/*", "If-None-Match", etag);
            assertThat(again.status()).isEqualTo(304);
            assertThat(again.response().body()).isEmpty();

            Answer css = browser.get("/forumkit/forumkit.css", "Accept", "text/css");
            assertThat(css.status()).isEqualTo(200);
            assertThat(css.header("Content-Type")).isEqualToIgnoringCase("text/css;charset=UTF-8");
            assertThat(css.text()).contains(".fk-post", "--fk-accent");
            assertThat(css.header("ETag")).isNotEqualTo(etag);
        }

        // ------------------------------------------------------------------ bad input

        @Test
        @DisplayName("malformed JSON, trailing content, duplicate keys, wrong types, unknown fields, huge numbers: 400, nothing written")
        void badJson() {
            Topic topic = topic("Bad JSON");
            String path = "/api/topics/" + topic.id().value() + "/replies";
            Browser alice = signedIn("alice");
            Map<String, String> cases = new java.util.LinkedHashMap<>();
            cases.put("{\"body\": \"cut off", "malformed");
            cases.put("{\"body\": \"x\"} {\"body\": \"y\"}", "after the JSON");
            cases.put("{\"body\": \"x\"} garbage", "");
            cases.put("{\"body\": \"x\", \"body\": \"y\"}", "twice");
            cases.put("{\"body\": 5}", "body must be a string");
            cases.put("{\"body\": true}", "body");
            cases.put("{\"body\": \"x\", \"quote\": \"floor 1\"}", "quote");
            cases.put("{\"body\": \"x\", \"replyToFloor\": \"1\"}", "replyToFloor must be a whole number");
            cases.put("{\"body\": \"x\", \"replyToFloor\": 1.5}", "replyToFloor");
            cases.put("{\"body\": \"x\", \"sticky\": true}", "unknown field sticky");
            cases.put("{\"body\": \"x\", \"replyToFloor\": 99999999999999999999999}", "out of range");
            cases.put("{\"body\": \"x\", \"replyToFloor\": 1e400}", "replyToFloor");
            cases.put("{\"body\": \"x\", \"replyToFloor\": " + "9".repeat(2000) + "}", "");
            cases.put("[\"body\"]", "JSON object");
            cases.put("\"body\"", "JSON object");
            cases.put("", "body is required");
            cases.forEach((body, says) -> {
                JsonNode error = error(alice.write("POST", path, body), 400, "BAD_REQUEST");
                assertThat(error.path("message").asText()).as(body).contains(says);
            });
            error(alice.write("PUT", "/api/posts/1/vote", "{\"vote\": \"MAYBE\"}"), 400, "BAD_REQUEST");
            error(alice.write("PUT", "/api/posts/1/vote", "{\"vote\": 1}"), 400, "BAD_REQUEST");
            error(alice.write("PUT", "/api/posts/1/vote", "{}"), 400, "BAD_REQUEST");
            assertThat(posts(topic.id())).isEqualTo(1);
        }

        @Test
        @DisplayName("a query of bytes that are not UTF-8 is a 400, not the 500 Tomcat's refused parameter used to be")
        void queryNotUtf8() {
            Topic topic = topic("Query bytes");
            for (String query : new String[] {"/api/search?q=%ED%A0%80", "/api/boards/" + general.slug()
                    + "/topics?cursor=%FF%FE", "/api/comments?key=%E2%80%AE%00%ED%A0%80",
                    "/api/topics/" + topic.id().value() + "?fromFloor=%C0%AF"}) {
                assertThat(error(anonymous().get(query), 400, "BAD_REQUEST").path("message").asText()).as(query)
                        .contains("UTF-8");
            }
        }

        @Test
        @DisplayName("a body that is not application/json (text, a form, another charset, none at all) is a 400")
        void wrongContentType() {
            Topic topic = topic("Content types");
            String path = "/api/topics/" + topic.id().value() + "/replies";
            Browser alice = signedIn("alice");
            byte[] json = "{\"body\": \"x\"}".getBytes(StandardCharsets.UTF_8);
            for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded",
                    "application/json; charset=ISO-8859-1", "application/xml", "not a type"}) {
                assertThat(error(alice.send("POST", path, type, json, true), 400, "BAD_REQUEST")
                        .path("message").asText()).as(type).contains("application/json");
            }
            error(alice.send("POST", path, null, json, true), 400, "BAD_REQUEST");
            assertThat(posts(topic.id())).isEqualTo(1);
            assertThat(alice.send("POST", path, "application/json; charset=utf-8", json, true).status()).isEqualTo(201);
        }

        @Test
        @DisplayName("a body over forumkit.api.max-body-size is a 413 before the forum sees it, by length or chunked")
        void oversized() {
            Topic topic = topic("Oversized");
            String path = "/api/topics/" + topic.id().value() + "/replies";
            Browser alice = signedIn("alice");
            byte[] big = ("{\"body\": \"" + "a".repeat(MAX_BODY) + "\"}").getBytes(StandardCharsets.UTF_8);
            error(alice.send("POST", path, "application/json", big, true), 413, "PAYLOAD_TOO_LARGE");
            error(alice.sendChunked("POST", path, big), 413, "PAYLOAD_TOO_LARGE");
            error(alice.send("POST", "/api/comments?key=free-big", "application/json", big, false), 413,
                    "PAYLOAD_TOO_LARGE");
            assertThat(posts(topic.id())).isEqualTo(1);
            assertThat(forum.topics().byExternalKey(ADMIN, forum.boards().bySlug(ADMIN, commentsBoard).orElseThrow()
                    .id(), "free-big")).isEmpty();

            // Just under the limit the same body reaches the forum: the limit is the API's, not the forum's.
            byte[] fits = ("{\"body\": \"" + "a".repeat(MAX_BODY - 20) + "\"}").getBytes(StandardCharsets.UTF_8);
            assertThat(alice.send("POST", path, "application/json", fits, true).status()).isEqualTo(201);
            assertThat(alice.sendChunked("POST", path, fits).status()).isEqualTo(201);
            assertThat(posts(topic.id())).isEqualTo(3);
        }

        @Test
        @DisplayName("an unknown API path is a 404 JSON, a method the path does not take a 405 JSON with Allow")
        void unknownPathsAndMethods() {
            Browser alice = signedIn("alice");
            for (String path : new String[] {"/api/nope", "/api", "/api/topics/abc", "/api/topics/1/nope",
                    "/api/boards/UPPER/topics", "/api/static/forumkit.js"}) {
                JsonNode error = error(alice.get(path), 404, "NOT_FOUND");
                assertThat(error.path("message").asText()).as(path).isNotBlank();
            }
            Answer get = alice.get("/api/topics/1/replies");
            error(get, 405, "METHOD_NOT_ALLOWED");
            assertThat(get.header("Allow")).contains("POST");
            Answer delete = alice.send("DELETE", "/api/boards", null, null, true);
            error(delete, 405, "METHOD_NOT_ALLOWED");
            assertThat(delete.header("Allow")).contains("GET");
            error(alice.write("PATCH", "/api/posts/1/vote", "{\"vote\": \"SUPPORT\"}"), 405, "METHOD_NOT_ALLOWED");
            error(alice.get("/api/topics/99999999999999999999"), 400, "BAD_REQUEST");
            error(alice.get("/api/boards/" + general.slug() + "/topics?size=0"), 400, "BAD_REQUEST");
            error(alice.get("/api/boards/" + general.slug() + "/topics?cursor=not-a-cursor"), 400, "BAD_REQUEST");
            error(alice.get("/api/search?q=x&from=yesterday"), 400, "BAD_REQUEST");
        }

        // ------------------------------------------------------------------ the comments widget's needs

        @Test
        @DisplayName("the widget's first view is one request: thread, page, count, session with CSRF, formats, limit")
        void commentsFirstView() {
            String key = "article-" + UUID.randomUUID().toString().substring(0, 8);
            Browser alice = signedIn("alice");
            JsonNode empty = alice.get("/api/comments?key=" + key).json();
            assertThat(empty.path("count").asLong()).isZero();
            assertThat(empty.path("session").path("user").path("id").asText()).isEqualTo("alice");
            assertThat(empty.path("session").path("csrfToken").asText()).isNotBlank();
            assertThat(empty.path("formats").toString()).isEqualTo("[\"PLAIN\",\"MARKDOWN\",\"BBCODE\"]");
            assertThat(empty.path("maxBodyLength").asInt()).isEqualTo(forum.settings().maxBodyLength());
            assertThat(anonymous().get("/api/comments?key=" + key).json().path("session").get("user").isNull()).isTrue();
            for (int i = 1; i <= 5; i++) {
                assertThat(alice.write("POST", "/api/comments?key=" + key, "{\"body\": \"Comment " + i + "\"}")
                        .status()).isEqualTo(201);
            }
            JsonNode oldest = alice.get("/api/comments?key=" + key + "&size=2").json();
            assertThat(oldest.path("count").asLong()).isEqualTo(5);
            assertThat(oldest.path("page").path("order").asText()).isEqualTo("OLDEST");
            assertThat(oldest.path("page").path("posts").findValuesAsText("floor")).containsExactly("1", "2");
            assertThat(oldest.path("page").path("posts").get(0).path("author").path("avatarUrl").asText())
                    .isEqualTo("https://avatars.example/alice.png");
            JsonNode newest = alice.get("/api/comments?key=" + key + "&size=2&order=NEWEST").json();
            assertThat(newest.path("page").path("posts").findValuesAsText("floor")).containsExactly("5", "4");
            assertThat(newest.path("page").path("nextFromFloor").asInt()).isEqualTo(3);
            long topic = newest.path("topic").path("id").asLong();
            JsonNode next = alice.get("/api/topics/" + topic + "?order=NEWEST&size=2&fromFloor=3").json();
            assertThat(next.path("posts").findValuesAsText("floor")).containsExactly("3", "2");
            JsonNode last = alice.get("/api/topics/" + topic + "?order=NEWEST&size=2&fromFloor=1").json();
            assertThat(last.path("posts").findValuesAsText("floor")).containsExactly("1");
            assertThat(last.get("nextFromFloor").isNull()).isTrue();
            error(alice.get("/api/comments?key=" + key + "&order=SIDEWAYS"), 400, "BAD_REQUEST");

            JsonNode counts = anonymous().get("/api/comments/counts?key=" + key + "&key=unknown-page&key=article-none")
                    .json();
            assertThat(counts.path("counts").path(key).asLong()).isEqualTo(5);
            assertThat(counts.path("counts").path("article-none").asLong()).isZero();
            assertThat(counts.path("counts").has("unknown-page")).isFalse();
            error(anonymous().get("/api/comments/counts"), 400, "BAD_REQUEST");
        }

        @Test
        @DisplayName("order=MOST_SUPPORTED: support descending, ties by floor, deleted left out, paged by the cursor after")
        void commentsMostSupported() {
            Topic topic = topic("Most supported");
            List<org.forumkit.model.Post> replies = new ArrayList<>();
            for (int i = 2; i <= 6; i++) {
                replies.add(forum.posts().reply(Viewer.user("bob", "bob"), org.forumkit.model.Reply.to(topic.id(),
                        "Reply " + i)));
            }
            int[] support = {1, 2, 0, 2, 3}; // floors 2..6; floor 6 is deleted below
            for (int i = 0; i < support.length; i++) {
                for (int v = 0; v < support[i]; v++) {
                    forum.votes().cast(Viewer.user("voter" + v, "Voter " + v), replies.get(i).id(),
                            org.forumkit.model.VoteKind.SUPPORT);
                }
            }
            forum.posts().delete(Viewer.user("bob", "bob"), replies.get(4).id());
            String path = "/api/topics/" + topic.id().value() + "?order=MOST_SUPPORTED&size=2";
            JsonNode first = anonymous().get(path).json();
            assertThat(first.path("order").asText()).isEqualTo("MOST_SUPPORTED");
            assertThat(first.path("posts").findValuesAsText("floor")).containsExactly("3", "5");
            assertThat(first.path("posts").findValuesAsText("support")).containsExactly("2", "2");
            assertThat(first.get("nextFromFloor").isNull()).isTrue();
            assertThat(first.path("nextAfter").asText()).isEqualTo("2.5");
            JsonNode second = anonymous().get(path + "&after=" + first.path("nextAfter").asText()).json();
            assertThat(second.path("posts").findValuesAsText("floor")).containsExactly("2", "1");
            JsonNode third = anonymous().get(path + "&after=" + second.path("nextAfter").asText()).json();
            assertThat(third.path("posts").findValuesAsText("floor")).containsExactly("4");
            assertThat(third.has("nextAfter")).isFalse();
            JsonNode bobs = anonymous().get("/api/topics/" + topic.id().value() + "?order=MOST_SUPPORTED&author=bob")
                    .json();
            assertThat(bobs.path("posts").findValuesAsText("floor")).containsExactly("3", "5", "2", "4");

            error(anonymous().get(path + "&after=2.x"), 400, "BAD_REQUEST");
            error(anonymous().get(path + "&after=-1.3"), 400, "BAD_REQUEST");
            error(anonymous().get(path + "&fromFloor=3"), 400, "BAD_REQUEST");
            error(anonymous().get("/api/topics/" + topic.id().value() + "?order=OLDEST&after=2.5"), 400, "BAD_REQUEST");

            String key = "article-" + UUID.randomUUID().toString().substring(0, 8);
            Browser alice = signedIn("alice");
            assertThat(alice.write("POST", "/api/comments?key=" + key, "{\"body\": \"First\"}").status()).isEqualTo(201);
            long second2 = alice.write("POST", "/api/comments?key=" + key, "{\"body\": \"Second\"}").json()
                    .path("id").asLong();
            forum.votes().cast(Viewer.user("voter0", "Voter 0"), org.forumkit.model.PostId.of(second2),
                    org.forumkit.model.VoteKind.SUPPORT);
            JsonNode comments = anonymous().get("/api/comments?key=" + key + "&order=MOST_SUPPORTED").json();
            assertThat(comments.path("page").path("posts").findValuesAsText("floor")).containsExactly("2", "1");
            assertThat(comments.path("page").path("order").asText()).isEqualTo("MOST_SUPPORTED");
            assertThat(comments.path("count").asLong()).isEqualTo(2);
        }

        @Test
        @DisplayName("an avatar URL that is not http(s) or a local path is left out: the widget shows initials")
        void hostileAvatarLeftOut() {
            String key = "article-" + UUID.randomUUID().toString().substring(0, 8);
            signedIn("bob").write("POST", "/api/comments?key=" + key, "{\"body\": \"Bob here.\"}");
            JsonNode author = anonymous().get("/api/comments?key=" + key).json().path("page").path("posts").get(0)
                    .path("author");
            assertThat(author.path("displayName").asText()).isEqualTo("bob");
            assertThat(author.has("avatarUrl")).isFalse();
        }

        @Test
        @DisplayName("POST /api/preview renders a draft as the comment would be, stores nothing, is checked and guarded")
        void preview() {
            String key = "article-" + UUID.randomUUID().toString().substring(0, 8);
            Browser alice = signedIn("alice");
            Answer rendered = alice.write("POST", "/api/preview",
                    "{\"body\": \"**bold** <script>x</script>\", \"format\": \"MARKDOWN\", \"key\": \"" + key + "\"}");
            assertThat(rendered.status()).as(rendered.toString()).isEqualTo(200);
            assertThat(rendered.json().path("html").asText()).contains("<strong>bold</strong>").doesNotContain("<script");
            assertThat(alice.get("/api/comments?key=" + key).json().get("topic").isNull()).isTrue();
            JsonNode blank = error(alice.write("POST", "/api/preview", "{\"body\": \" \", \"key\": \"" + key + "\"}"),
                    400, "VALIDATION");
            assertThat(blank.path("violations").get(0).path("code").asText()).isEqualTo("blank");
            error(alice.write("POST", "/api/preview", "{\"body\": \"x\"}"), 400, "BAD_REQUEST");
            error(alice.write("POST", "/api/preview", "{\"body\": \"x\", \"key\": \"unknown-page\"}"), 404,
                    "NOT_FOUND");
            error(anonymous().write("POST", "/api/preview", "{\"body\": \"x\", \"key\": \"" + key + "\"}"), 401,
                    "LOGIN_REQUIRED");
            Answer noCsrf = alice.send("POST", "/api/preview", "application/json",
                    ("{\"body\": \"x\", \"key\": \"" + key + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
            error(noCsrf, 403, "CSRF");
        }
    }
}
