package org.forumkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.forumkit.model.PageRequest;
import org.forumkit.model.TopicId;
import org.forumkit.tck.ForumFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("h2")
@DisplayName("The demo's JSON API")
class JsonApiTest {
    @TempDir
    static Path data;
    static DemoApp app;

    @BeforeAll
    static void start() throws Exception {
        app = DemoApp.start(new DemoConfig(0, null, null, null, data));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static DemoClient anonymous() {
        return new DemoClient(app.url());
    }

    static DemoClient as(String user) throws Exception {
        return new DemoClient(app.url()).signIn(user);
    }

    static void assertError(DemoClient.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.json().get("error").asText()).isEqualTo(code);
        assertThat(reply.json().get("message").asText()).isNotBlank();
        assertThat(reply.text()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Nested
    @DisplayName("sessions")
    class Sessions {
        @Test
        void anonymousThenSignedIn() throws Exception {
            DemoClient client = anonymous();
            JsonNode session = client.get("/api/session").json();
            assertThat(session.get("user").isNull()).isTrue();
            assertThat(session.get("csrfToken").asText()).hasSizeGreaterThan(30);

            DemoClient.Reply login = client.form("/login", "user", "alice", "next", "//evil.example/");
            assertThat(login.status()).isEqualTo(303);
            assertThat(login.raw().headers().firstValue("Location")).contains("/");
            String cookie = login.raw().headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("FORUMKIT_SESSION=")).findFirst().orElseThrow();
            assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax");
            JsonNode signedIn = client.get("/api/session").json();
            assertThat(signedIn.get("user").get("id").asText()).isEqualTo("alice");
            assertThat(signedIn.get("csrfToken").asText()).isNotEqualTo(session.get("csrfToken").asText());
        }

        @Test
        void loginNeedsTheCsrfTokenAndAKnownUser() throws Exception {
            DemoClient client = anonymous();
            client.csrf();
            DemoClient.Reply forged = new DemoClient(app.url()).json("POST", "/login", "{}", false);
            assertThat(forged.status()).isEqualTo(403);
            DemoClient.Reply unknown = client.form("/login", "user", "mallory");
            assertThat(unknown.status()).isEqualTo(400);
        }
    }

    @Nested
    @DisplayName("reading")
    class Reading {
        /** The benchmark's plain-JDBC ceiling (HttpScenarioTest checks its JSON) exists only when turned on. */
        @Test
        void benchCeilingIsAbsentByDefault() throws Exception {
            long topic = app.forum().boards().bySlug(org.forumkit.model.Viewer.anonymous(), "news-media").map(b ->
                    app.forum().boards().topics(org.forumkit.model.Viewer.anonymous(), b.id(),
                            org.forumkit.model.PageRequest.first(1)).items().get(0).id().value()).orElseThrow();
            assertThat(anonymous().get("/api/topics/" + topic).status()).isEqualTo(200);
            assertThat(anonymous().get("/bench/ceiling/topics/" + topic).status()).isEqualTo(404);
            assertThat(app.context().getBeanNamesForType(Class.forName("org.forumkit.examples.web.BenchCeiling")))
                    .isEmpty();
        }

        @Test
        void boardsAndTopics() throws Exception {
            DemoClient client = anonymous();
            JsonNode boards = client.get("/api/boards").json();
            assertThat(boards.findValuesAsText("slug")).contains("qingliu", "news-media", "comments");

            JsonNode listing = client.get("/api/boards/news-media/topics").json();
            assertThat(listing.get("topics").findValuesAsText("title")).contains("强化高水平崛起的民政服务保障");
            assertThat(listing.get("permissions").get("startTopic").get("reason").asText()).isEqualTo("LOGIN_REQUIRED");
            assertThat(listing.get("nextCursor").isNull()).isTrue();
            assertError(client.get("/api/boards/news-media/topics?cursor=garbage"), 400, "BAD_REQUEST");
            assertError(client.get("/api/boards/no-such-board/topics"), 404, "NOT_FOUND");
        }

        @Test
        void searchFindsChineseInsideASentenceWithEscapedHighlights() throws Exception {
            DemoClient client = anonymous();
            JsonNode results = client.get("/api/search?q=" + java.net.URLEncoder.encode("民政", "UTF-8")
                    + "&board=news-media&order=NEWEST&size=5").json();
            JsonNode first = results.get("hits").get(0);
            assertThat(first.get("topicId").asLong()).isEqualTo(1);
            assertThat(first.get("titleHtml").asText()).contains("<mark>民政</mark>");
            assertThat(results.findValuesAsText("excerptHtml")).allSatisfy(e -> assertThat(e).doesNotContain("<p>"));
            assertThat(client.get("/api/search?q=" + java.net.URLEncoder.encode("民政", "UTF-8")
                    + "&titles=true&board=news-media").json().get("hits")).hasSize(1);
            assertError(client.get("/api/search?q=%25"), 400, "VALIDATION");
            assertError(client.get("/api/search?q="), 400, "VALIDATION");
            assertError(client.get("/api/search?q=abc&from=yesterday"), 400, "BAD_REQUEST");
            assertError(client.get("/api/search?q=abc&cursor=garbage"), 400, "BAD_REQUEST");

            DemoClient.Reply page = client.get("/search?q=" + java.net.URLEncoder.encode("民政", "UTF-8"));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.text()).contains("<mark>民政</mark>").contains("href=\"/topics/1/floors/1\"");
            assertThat(client.get("/search?q=%25").status()).isEqualTo(400);
        }

        @Test
        void theSeedTopicPage() throws Exception {
            DemoClient client = anonymous();
            JsonNode page = client.get("/api/topics/1?fromFloor=1&size=20").json();
            assertThat(page.get("topic").get("views").asLong()).isGreaterThanOrEqualTo(1351);
            assertThat(page.get("topic").get("type").asText()).isEqualTo("新闻媒体");
            JsonNode second = page.get("posts").get(1);
            assertThat(second.get("floor").asInt()).isEqualTo(2);
            assertThat(second.get("createdAt").asText()).isEqualTo("2012-08-07T01:47:00Z");
            assertThat(second.get("html").asText()).isEqualTo("希望该培训真的能系统落实~");
            assertThat(second.get("quotes").get(0).get("sourceFloor").asInt()).isEqualTo(1);
            assertThat(page.get("permissions").get("reply").get("reason").asText()).isEqualTo("LOGIN_REQUIRED");
            // The widget reads "nextFromFloor": the API keeps that name for TopicPage.next.
            assertThat(page.has("nextFromFloor")).isTrue();
            assertThat(page.has("next")).isFalse();
            assertThat(client.get("/api/topics/1?fromFloor=1&size=1").json().get("nextFromFloor").asInt()).isEqualTo(2);

            JsonNode onlyOp = client.get("/api/topics/1?author=seed-op").json();
            assertThat(onlyOp.get("posts").findValuesAsText("floor")).containsExactly("1");
            assertError(client.get("/api/topics/999999"), 404, "NOT_FOUND");
            assertError(client.get("/api/topics/1?size=5000"), 400, "VALIDATION");
            assertError(client.get("/api/topics/1?fromFloor=abc"), 400, "BAD_REQUEST");
            assertError(client.get("/api/nothing-here"), 404, "NOT_FOUND");
        }
    }

    @Nested
    @DisplayName("writing")
    class Writing {
        @Test
        void startTopicAndReplyWithQuote() throws Exception {
            DemoClient bob = as("bob");
            DemoClient.Reply started = bob.json("POST", "/api/boards/news-media/topics",
                    "{\"title\":\"第二个主题\",\"type\":\"新闻媒体\",\"body\":\"一楼内容\"}");
            assertThat(started.status()).as(started.text()).isEqualTo(201);
            long topic = started.json().get("id").asLong();

            DemoClient.Reply reply = as("carol").json("POST", "/api/topics/" + topic + "/replies",
                    "{\"body\":\"同意\",\"quote\":{\"floor\":1,\"excerpt\":\"一楼\"},\"replyToFloor\":1}");
            assertThat(reply.status()).as(reply.text()).isEqualTo(201);
            assertThat(reply.json().get("floor").asInt()).isEqualTo(2);
            assertThat(reply.json().get("quotes").get(0).get("excerpt").asText()).isEqualTo("一楼");

            assertError(bob.json("POST", "/api/topics/" + topic + "/replies",
                    "{\"body\":\"x\",\"quote\":{\"floor\":1,\"excerpt\":\"不存在的话\"}}"), 400, "VALIDATION");
            DemoClient.Reply invalid = bob.json("POST", "/api/boards/news-media/topics", "{\"body\":\"   \"}");
            assertError(invalid, 400, "VALIDATION");
            assertThat(invalid.json().get("violations").findValuesAsText("field")).contains("title", "body");
            assertError(bob.json("POST", "/api/topics/" + topic + "/replies", "{not json"), 400, "BAD_REQUEST");
            assertError(bob.json("POST", "/api/topics/" + topic + "/replies", "{\"body\": 42}"), 400, "BAD_REQUEST");
        }

        @Test
        void writesNeedSignInAndTheCsrfToken() throws Exception {
            assertError(anonymous().json("POST", "/api/topics/1/replies", "{\"body\":\"hi\"}"), 401, "LOGIN_REQUIRED");
            assertError(as("alice").json("POST", "/api/topics/1/replies", "{\"body\":\"hi\"}", false), 403, "CSRF");
            DemoClient alice = as("alice");
            alice.csrf();
            DemoClient.Reply wrong = alice.json("PUT", "/api/posts/2/vote", "{\"vote\":\"SUPPORT\"}", false);
            assertError(wrong, 403, "CSRF");
        }

        @Test
        void lockedTopicRefusesReplies() throws Exception {
            DemoClient bob = as("bob");
            long topic = bob.json("POST", "/api/boards/news-media/topics", "{\"title\":\"将被关闭\",\"body\":\"x\"}")
                    .json().get("id").asLong();
            app.forum().topics().lock(ForumFixtures.MOD, TopicId.of(topic), true);
            assertError(as("alice").json("POST", "/api/topics/" + topic + "/replies", "{\"body\":\"hi\"}"), 403,
                    "TOPIC_LOCKED");
            assertThat(as("mod").json("POST", "/api/topics/" + topic + "/replies", "{\"body\":\"版主回复\"}").status())
                    .isEqualTo(201);
        }

        @Test
        void votes() throws Exception {
            DemoClient alice = as("alice");
            long post = alice.json("POST", "/api/topics/1/replies", "{\"body\":\"投票目标\"}").json().get("id").asLong();
            DemoClient carol = as("carol");
            JsonNode cast = carol.json("PUT", "/api/posts/" + post + "/vote", "{\"vote\":\"SUPPORT\"}").json();
            assertThat(cast.get("support").asLong()).isEqualTo(1);
            JsonNode changed = carol.json("PUT", "/api/posts/" + post + "/vote", "{\"vote\":\"OPPOSE\"}").json();
            assertThat(changed.get("support").asLong()).isZero();
            assertThat(changed.get("oppose").asLong()).isEqualTo(1);
            JsonNode none = carol.json("PUT", "/api/posts/" + post + "/vote", "{\"vote\":\"NONE\"}").json();
            assertThat(none.get("oppose").asLong()).isZero();
            assertError(carol.json("PUT", "/api/posts/" + post + "/vote", "{\"vote\":\"MAYBE\"}"), 400, "BAD_REQUEST");
            assertError(alice.json("PUT", "/api/posts/" + post + "/vote", "{\"vote\":\"SUPPORT\"}"), 403, "OWN_POST");
            assertError(carol.json("PUT", "/api/posts/99999999/vote", "{\"vote\":\"SUPPORT\"}"), 404, "NOT_FOUND");
        }
    }

    @Nested
    @DisplayName("flood control")
    class Flood {
        @Test
        void tooFastIs429WithRetryAfter() throws Exception {
            var admin = org.forumkit.model.Viewer.user("site-admin", "Admin", "admin");
            var board = app.forum().boards().bySlug(admin, "comments").orElseThrow();
            app.forum().boards().updateModeration(admin, board.id(), org.forumkit.model.BoardModeration.OFF
                    .limitingPosts(java.time.Duration.ofMinutes(1), 0));
            var topic = app.forum().topics().start(admin, org.forumkit.model.StartTopic.of(board.id(), "限流", "开头"));
            String replies = "/api/topics/" + topic.id().value() + "/replies";
            try {
                DemoClient alice = as("alice");
                assertThat(alice.json("POST", replies, "{\"body\":\"第一条\"}").status()).isEqualTo(201);
                DemoClient.Reply tooFast = alice.json("POST", replies, "{\"body\":\"第二条\"}");
                assertError(tooFast, 429, "RATE_LIMITED");
                assertThat(tooFast.raw().headers().firstValue("Retry-After").map(Integer::parseInt).orElseThrow())
                        .isBetween(1, 60);
            } finally {
                app.forum().boards().updateModeration(admin, board.id(), org.forumkit.model.BoardModeration.OFF);
            }
        }
    }

    @Nested
    @DisplayName("reports (举报)")
    class Reports {
        @Test
        void reportAPost() throws Exception {
            long post = as("bob").json("POST", "/api/topics/1/replies", "{\"body\":\"买买买 广告\"}").json().get("id").asLong();
            assertError(anonymous().json("POST", "/api/posts/" + post + "/reports", "{\"reason\":\"SPAM\"}"), 401,
                    "LOGIN_REQUIRED");
            DemoClient carol = as("carol");
            assertError(carol.json("POST", "/api/posts/" + post + "/reports", "{\"reason\":\"SPAM\"}", false), 403,
                    "CSRF");
            assertError(carol.json("POST", "/api/posts/" + post + "/reports", "{\"reason\":\"BORING\"}"), 400,
                    "BAD_REQUEST");
            assertError(carol.json("POST", "/api/posts/" + post + "/reports", "{\"reason\":\"OTHER\"}"), 400,
                    "VALIDATION");
            DemoClient.Reply filed = carol.json("POST", "/api/posts/" + post + "/reports", "{\"reason\":\"SPAM\"}");
            assertThat(filed.status()).as(filed.text()).isEqualTo(201);
            assertThat(filed.json().get("reason").asText()).isEqualTo("SPAM");
            assertThat(filed.json().get("reporter").get("id").asText()).isEqualTo("carol");
            var board = app.forum().boards().bySlug(ForumFixtures.MOD, "news-media").orElseThrow();
            assertThat(app.forum().reports().queue(ForumFixtures.MOD, board.id(), PageRequest.first(20))
                    .items()).extracting(q -> q.report().postId().value()).contains(post);

            // moderators resolve it; a second resolution of the same report is a conflict
            long report = filed.json().get("id").asLong();
            String resolve = "/api/reports/" + report + "/resolve";
            assertError(carol.json("POST", resolve, "{\"resolution\":\"DISMISS\",\"reason\":\"no\"}"), 403,
                    "NOT_ALLOWED");
            DemoClient mod = as("mod");
            assertError(mod.json("POST", resolve, "{\"resolution\":\"SHRUG\",\"reason\":\"x\"}"), 400, "BAD_REQUEST");
            DemoClient.Reply resolved = mod.json("POST", resolve, "{\"resolution\":\"HIDE_POST\",\"reason\":\"广告\"}");
            assertThat(resolved.status()).as(resolved.text()).isEqualTo(200);
            assertThat(resolved.json().get(0).get("resolution").asText()).isEqualTo("HIDE_POST");
            assertError(mod.json("POST", resolve, "{\"resolution\":\"DISMISS\",\"reason\":\"again\"}"), 409,
                    "CONFLICT");
            assertError(mod.json("POST", "/api/reports/99999999/resolve", "{\"resolution\":\"DISMISS\",\"reason\":\"x\"}"),
                    404, "NOT_FOUND");
        }
    }

    @Nested
    @DisplayName("comments keyed by a host page")
    class Comments {
        @Test
        void threadIsCreatedOnFirstComment() throws Exception {
            // the site's CommentThreads knows its one article; a made-up key has no thread and cannot get one
            assertError(anonymous().get("/api/comments?key=article-made-up"), 404, "NOT_FOUND");
            assertError(as("alice").json("POST", "/api/comments?key=article-made-up", "{\"body\":\"hi\"}"), 404,
                    "NOT_FOUND");
            DemoClient reader = anonymous();
            JsonNode empty = reader.get("/api/comments?key=article-civil-affairs").json();
            assertThat(empty.get("topic").isNull()).isTrue();
            assertThat(empty.get("canComment").get("reason").asText()).isEqualTo("LOGIN_REQUIRED");
            assertError(reader.json("POST", "/api/comments?key=article-civil-affairs", "{\"body\":\"hi\"}"), 401,
                    "LOGIN_REQUIRED");

            DemoClient alice = as("alice");
            DemoClient.Reply first = alice.json("POST", "/api/comments?key=article-civil-affairs",
                    "{\"body\":\"第一条评论\",\"title\":\"示例文章\"}");
            assertThat(first.status()).as(first.text()).isEqualTo(201);
            assertThat(first.json().get("floor").asInt()).isEqualTo(1);
            DemoClient.Reply second = as("bob").json("POST", "/api/comments?key=article-civil-affairs",
                    "{\"body\":\"第二条\",\"quote\":{\"floor\":1}}");
            assertThat(second.json().get("floor").asInt()).isEqualTo(2);

            JsonNode thread = reader.get("/api/comments?key=article-civil-affairs").json();
            assertThat(thread.get("topic").get("title").asText()).isEqualTo("强化高水平崛起的民政服务保障"); // not the visitor's
            assertThat(thread.get("page").get("posts").findValuesAsText("floor")).containsExactly("1", "2");
            assertError(reader.get("/api/comments"), 400, "BAD_REQUEST");
        }
    }
}
