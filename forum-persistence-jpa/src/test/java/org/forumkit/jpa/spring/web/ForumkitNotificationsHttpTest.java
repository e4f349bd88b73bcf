package org.forumkit.jpa.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.xml.parsers.DocumentBuilderFactory;
import org.forumkit.Forum;
import org.forumkit.jpa.spring.DeliveryScheduler;
import org.forumkit.jpa.spring.ServerHostAccess;
import org.forumkit.jpa.spring.web.Browser.Answer;
import org.forumkit.jpa.spring.web.host.NotifyHostApp;
import org.forumkit.jpa.testing.TestServer;
import org.forumkit.model.Board;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.NotificationKind;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.Viewer;
import org.forumkit.spi.OutgoingNotification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.w3c.dom.Document;

/**
 * The inbox, watching and delivery settings of the JSON API, the unsubscribe page, the feeds and the scheduled
 * delivery round in a real Spring Boot site ({@link NotifyHostApp}, Tomcat on a random port) over real HTTP, on
 * each database.
 */
class ForumkitNotificationsHttpTest {
    private static final Viewer.Member ADMIN = Viewer.user("admin", "Admin", "admin");

    @Nested
    @Tag("h2")
    class OnH2 extends Cases {
        @Override
        Map<String, Object> database() {
            return BootHosts.h2("notify");
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
        Board general;
        NotifyHostApp.Recorder recorder;
        DeliveryScheduler scheduler;
        String run;
        String alice;
        String bob;
        String carol;

        abstract Map<String, Object> database();

        @BeforeAll
        void start() {
            run = UUID.randomUUID().toString().substring(0, 8);
            alice = "alice-" + run;
            bob = "bob-" + run;
            carol = "carol-" + run;
            Map<String, Object> properties = new HashMap<>(database());
            properties.put("forumkit.feeds.enabled", "true");
            properties.put("forumkit.feeds.site-url", "https://forum.example.test/");
            properties.put("forumkit.deliveries.interval", "100ms");
            properties.put("site.users", String.join(",", alice, bob, carol));
            app = BootHosts.start(NotifyHostApp.class, properties);
            port = BootHosts.port(app);
            forum = app.getBean(Forum.class);
            recorder = app.getBean(NotifyHostApp.Recorder.class);
            scheduler = app.getBean(DeliveryScheduler.class);
            general = forum.boards().create(ADMIN, CreateBoard.board(null, "n" + run, "General " + run));
        }

        @AfterAll
        void stop() {
            if (app != null) {
                app.close();
                assertThat(scheduler.isRunning()).isFalse();
            }
        }

        Browser signedIn(String user) {
            return new Browser(port).signIn(user);
        }

        static Viewer.Member member(String id) {
            return Viewer.user(id, id);
        }

        Topic topic(String starter, String title) {
            return forum.topics().start(member(starter), StartTopic.of(general.id(), title, "Opening " + title + "."));
        }

        /** The documented error JSON (as ForumkitApiHttpTest checks it). */
        static JsonNode error(Answer answer, int status, String code) {
            return ForumkitApiHttpTest.Cases.error(answer, status, code);
        }

        static void eventually(BooleanSupplier condition, String what) {
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("not within 20 s: " + what);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }

        @Test
        @DisplayName("a visitor gets 401 LOGIN_REQUIRED from every notifications endpoint, reads and writes")
        void signedOut() {
            Topic topic = topic(carol, "Signed out");
            Browser visitor = new Browser(port);
            visitor.session();
            error(visitor.get("/api/notifications"), 401, "LOGIN_REQUIRED");
            error(visitor.get("/api/notifications/unread"), 401, "LOGIN_REQUIRED");
            error(visitor.get("/api/notifications/settings"), 401, "LOGIN_REQUIRED");
            error(visitor.write("POST", "/api/notifications/1/read", "{}"), 401, "LOGIN_REQUIRED");
            error(visitor.write("POST", "/api/notifications/read-all", "{}"), 401, "LOGIN_REQUIRED");
            error(visitor.write("POST", "/api/topics/" + topic.id() + "/read?upToFloor=1", "{}"), 401,
                    "LOGIN_REQUIRED");
            error(visitor.write("PUT", "/api/topics/" + topic.id() + "/watch", "{\"level\": \"WATCHING\"}"), 401,
                    "LOGIN_REQUIRED");
            error(visitor.write("PUT", "/api/boards/" + general.slug() + "/watch", "{\"level\": \"MUTED\"}"), 401,
                    "LOGIN_REQUIRED");
            error(visitor.write("PUT", "/api/notifications/settings",
                    "{\"channel\": \"recorder\", \"kind\": \"REPLIED\", \"enabled\": false}"), 401, "LOGIN_REQUIRED");
            assertThat(forum.notifications().topicLevel(member(carol), topic.id()).name()).isEqualTo("WATCHING");
        }

        @Test
        @DisplayName("the inbox: entries worded in the reader's language, kind filter, cursor paging, unread counts, "
                + "mark one, a topic up to a floor, all")
        void inbox() {
            Browser a = signedIn(alice);
            Topic first = topic(alice, "Inbox one");
            Topic second = topic(alice, "Inbox two");
            forum.posts().reply(member(bob), Reply.to(first.id(), "Bob answers."));
            forum.posts().reply(member(carol), Reply.to(second.id(), "Carol answers."));
            forum.posts().reply(member(carol), Reply.to(second.id(), "Carol again."));

            JsonNode unread = a.get("/api/notifications/unread").json();
            assertThat(unread.path("count").asLong()).isEqualTo(2); // the two replies to "two" fold into one entry
            assertThat(unread.path("capped").asBoolean()).isFalse();
            assertThat(unread.path("display").asText()).isEqualTo("2");
            assertThat(a.get("/api/notifications/unread?exact=true").json().path("count").asLong()).isEqualTo(2);
            error(a.get("/api/notifications/unread?exact=maybe"), 400, "BAD_REQUEST");

            Answer page = a.get("/api/notifications?size=1");
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.header("Cache-Control")).isEqualTo("no-store");
            JsonNode newest = page.json().path("notifications").get(0);
            assertThat(newest.path("kind").asText()).isEqualTo("REPLIED");
            assertThat(newest.path("topicId").asLong()).isEqualTo(second.id().value());
            assertThat(newest.path("topicTitle").asText()).isEqualTo("Inbox two");
            assertThat(newest.path("count").asInt()).isEqualTo(2);
            assertThat(newest.path("floor").asInt()).isEqualTo(2);
            assertThat(newest.path("actor").path("id").asText()).isEqualTo(carol);
            assertThat(newest.path("read").asBoolean()).isFalse();
            assertThat(newest.path("text").asText()).contains("Inbox two");
            String cursor = page.json().path("nextCursor").asText();
            assertThat(cursor).isNotBlank();
            JsonNode older = a.get("/api/notifications?size=1&cursor=" + cursor).json();
            assertThat(older.path("notifications").get(0).path("topicId").asLong()).isEqualTo(first.id().value());
            assertThat(older.path("nextCursor").isNull()).isTrue();

            String chinese = a.get("/api/notifications?size=1", "Accept-Language", "zh-CN").json()
                    .path("notifications").get(0).path("text").asText();
            assertThat(chinese).isNotEqualTo(newest.path("text").asText()).contains("Inbox two");

            assertThat(a.get("/api/notifications?kind=REPLIED").json().path("notifications")).hasSize(2);
            assertThat(a.get("/api/notifications?kind=QUOTED").json().path("notifications")).isEmpty();
            error(a.get("/api/notifications?kind=NOPE"), 400, "BAD_REQUEST");
            error(a.get("/api/notifications?cursor=abc"), 400, "BAD_REQUEST");
            error(a.get("/api/notifications?size=0"), 400, "BAD_REQUEST");

            long olderId = older.path("notifications").get(0).path("id").asLong();
            Answer one = a.write("POST", "/api/notifications/" + olderId + "/read", "{}");
            assertThat(one.status()).as(one.toString()).isEqualTo(200);
            assertThat(one.json().path("changed").asLong()).isEqualTo(1);
            assertThat(a.write("POST", "/api/notifications/" + olderId + "/read", "{}").json().path("changed")
                    .asLong()).isZero();
            // someone else's notification is not theirs to mark
            long newestId = newest.path("id").asLong();
            assertThat(signedIn(bob).write("POST", "/api/notifications/" + newestId + "/read", "{}").json()
                    .path("changed").asLong()).isZero();
            assertThat(forum.notifications().unreadExact(member(alice))).isEqualTo(1);

            error(a.write("POST", "/api/topics/" + second.id() + "/read", "{}"), 400, "BAD_REQUEST");
            assertThat(a.write("POST", "/api/topics/" + second.id() + "/read?upToFloor=1", "{}").json()
                    .path("changed").asLong()).isZero(); // the first unread floor is 2
            assertThat(a.write("POST", "/api/topics/" + second.id() + "/read?upToFloor=3", "{}").json()
                    .path("changed").asLong()).isEqualTo(1);
            assertThat(a.get("/api/notifications/unread").json().path("count").asLong()).isZero();

            forum.posts().reply(member(bob), Reply.to(first.id(), "Bob once more."));
            assertThat(a.write("POST", "/api/notifications/read-all", "{}").json().path("changed").asLong())
                    .isEqualTo(1);
            assertThat(forum.notifications().unreadExact(member(alice))).isZero();
        }

        @Test
        @DisplayName("watching: PUT a topic's or board's level (GET reads it); WATCHING tells of every post, MUTED "
                + "of none; a bad level is a 400, an unknown topic a 404, a write without CSRF a 403")
        void watching() {
            Browser b = signedIn(bob);
            Topic topic = topic(carol, "Watched");
            String path = "/api/topics/" + topic.id() + "/watch";
            assertThat(b.get(path).json().path("level").asText()).isEqualTo("NORMAL");
            Answer watch = b.write("PUT", path, "{\"level\": \"WATCHING\"}");
            assertThat(watch.status()).as(watch.toString()).isEqualTo(200);
            assertThat(watch.json().path("level").asText()).isEqualTo("WATCHING");
            forum.posts().reply(member(alice), Reply.to(topic.id(), "Alice, to Carol."));
            JsonNode entries = b.get("/api/notifications?kind=WATCHING").json().path("notifications");
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).path("topicId").asLong()).isEqualTo(topic.id().value());

            assertThat(b.write("PUT", path, "{\"level\": \"MUTED\"}").json().path("level").asText()).isEqualTo("MUTED");
            b.write("POST", "/api/notifications/read-all", "{}");
            forum.posts().reply(member(alice), Reply.to(topic.id(), "Alice again."));
            assertThat(forum.notifications().unreadExact(member(bob))).isZero();

            error(b.write("PUT", path, "{\"level\": \"LOUD\"}"), 400, "BAD_REQUEST");
            error(b.write("PUT", path, "{}"), 400, "BAD_REQUEST");
            error(b.write("PUT", path, "{\"level\": \"WATCHING\", \"extra\": 1}"), 400, "BAD_REQUEST");
            error(b.write("PUT", "/api/topics/999999999/watch", "{\"level\": \"WATCHING\"}"), 404, "NOT_FOUND");
            error(b.send("PUT", path, "application/json", "{\"level\": \"WATCHING\"}".getBytes(StandardCharsets.UTF_8),
                    false), 403, "CSRF");
            assertThat(forum.notifications().topicLevel(member(bob), topic.id()).name()).isEqualTo("MUTED");

            String board = "/api/boards/" + general.slug() + "/watch";
            assertThat(b.write("PUT", board, "{\"level\": \"WATCHING_FIRST_POST\"}").json().path("level").asText())
                    .isEqualTo("WATCHING_FIRST_POST");
            assertThat(b.get(board).json().path("level").asText()).isEqualTo("WATCHING_FIRST_POST");
            Topic news = topic(carol, "Board news");
            assertThat(forum.notifications().inbox(member(bob), java.util.Optional.empty(),
                    org.forumkit.model.PageRequest.first(5)).items().get(0).notification().topicId()).isEqualTo(news.id());
            assertThat(b.write("PUT", board, "{\"level\": \"NORMAL\"}").json().path("level").asText())
                    .isEqualTo("NORMAL");
            error(b.write("PUT", "/api/boards/no-such-board/watch", "{\"level\": \"MUTED\"}"), 404, "NOT_FOUND");
        }

        @Test
        @DisplayName("delivery settings per kind and channel: GET lists them, PUT turns one off; bad channel or kind 400")
        void settings() {
            Browser c = signedIn(carol);
            JsonNode settings = c.get("/api/notifications/settings").json();
            assertThat(settings.path("channels").toString()).isEqualTo("[\"recorder\"]");
            assertThat(settings.path("kinds").toString()).contains("REPLIED", "MENTIONED", "WATCHING");
            assertThat(settings.path("settings").findValuesAsText("enabled")).containsOnly("true");
            Answer off = c.write("PUT", "/api/notifications/settings",
                    "{\"channel\": \"recorder\", \"kind\": \"VOTED\", \"enabled\": false}");
            assertThat(off.status()).as(off.toString()).isEqualTo(200);
            assertThat(off.json().path("enabled").asBoolean()).isFalse();
            assertThat(forum.deliveries().enabled(member(carol), NotifyHostApp.Recorder.CHANNEL, NotificationKind.VOTED))
                    .isFalse();
            List<String> enabled = new ArrayList<>();
            for (JsonNode s : c.get("/api/notifications/settings").json().path("settings")) {
                enabled.add(s.path("kind").asText() + "=" + s.path("enabled").asText());
            }
            assertThat(enabled).contains("VOTED=false", "REPLIED=true");
            error(c.write("PUT", "/api/notifications/settings",
                    "{\"channel\": \"pigeon\", \"kind\": \"VOTED\", \"enabled\": false}"), 400, "BAD_REQUEST");
            error(c.write("PUT", "/api/notifications/settings",
                    "{\"channel\": \"recorder\", \"kind\": \"LOUD\", \"enabled\": false}"), 400, "BAD_REQUEST");
            error(c.write("PUT", "/api/notifications/settings",
                    "{\"channel\": \"recorder\", \"kind\": \"VOTED\"}"), 400, "BAD_REQUEST");
        }

        @Test
        @DisplayName("the scheduled round delivers a reply; its unsubscribe link: GET only asks, a bad or missing "
                + "token or body is a 400 that changes nothing, the one-click POST (no session, no CSRF) turns the "
                + "kind off, and the next reply is not delivered")
        void deliveryAndUnsubscribe() throws Exception {
            Topic topic = topic(bob, "Delivered");
            int before = recorder.sent.size();
            forum.posts().reply(member(alice), Reply.to(topic.id(), "For Bob's mail."));
            eventually(() -> sentTo(bob, NotificationKind.REPLIED).size() == 1, "one delivery to bob");
            OutgoingNotification delivered = sentTo(bob, NotificationKind.REPLIED).get(0);
            assertThat(delivered.entry().notification().topicId()).isEqualTo(topic.id());
            assertThat(recorder.sent.size()).isGreaterThan(before);
            String token = delivered.unsubscribeToken();
            String link = "/unsubscribe?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);

            Browser mailClient = new Browser(port);
            Answer page = mailClient.get(link, "Accept", "text/html");
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.header("Content-Type")).startsWith("text/html");
            assertThat(page.text()).contains("<form method=\"post\"", "List-Unsubscribe", "One-Click");
            assertThat(forum.deliveries().enabled(member(bob), NotifyHostApp.Recorder.CHANNEL,
                    NotificationKind.REPLIED)).isTrue();
            assertThat(mailClient.get(link, "Accept", "text/html", "Accept-Language", "zh-CN").text()).contains("退订");

            Answer noBody = post(mailClient, link, "", "text/html");
            assertThat(noBody.status()).isEqualTo(400);
            assertThat(noBody.text()).contains("List-Unsubscribe=One-Click");
            Answer forged = post(mailClient, "/unsubscribe?token=" + token.substring(0, token.length() - 2) + "xx",
                    "List-Unsubscribe=One-Click", "text/html");
            assertThat(forged.status()).isEqualTo(400);
            assertThat(forged.header("Content-Type")).startsWith("text/html");
            assertThat(forged.text()).contains("nothing was changed").doesNotContain("Exception");
            error(post(mailClient, "/unsubscribe?token=garbage", "List-Unsubscribe=One-Click", "application/json"),
                    400, "TOKEN_INVALID");
            error(post(mailClient, "/unsubscribe", "List-Unsubscribe=One-Click", "application/json"), 400,
                    "TOKEN_INVALID");
            assertThat(forum.deliveries().enabled(member(bob), NotifyHostApp.Recorder.CHANNEL,
                    NotificationKind.REPLIED)).isTrue();

            Answer done = post(mailClient, link, "List-Unsubscribe=One-Click", "text/html");
            assertThat(done.status()).as(done.toString()).isEqualTo(200);
            assertThat(done.text()).contains("forumkit-unsubscribed");
            assertThat(forum.deliveries().enabled(member(bob), NotifyHostApp.Recorder.CHANNEL,
                    NotificationKind.REPLIED)).isFalse();
            JsonNode again = post(mailClient, link, "List-Unsubscribe=One-Click", "application/json").json();
            assertThat(again.path("kind").asText()).isEqualTo("REPLIED");
            assertThat(again.path("enabled").asBoolean()).isFalse();

            forum.posts().reply(member(carol), Reply.to(topic.id(), "Not for Bob's mail."));
            long rounds = scheduler.rounds();
            eventually(() -> scheduler.rounds() >= rounds + 3, "three more rounds");
            assertThat(sentTo(bob, NotificationKind.REPLIED)).hasSize(1);
            // still in the inbox, folded: only the mail was turned off
            assertThat(forum.notifications().inbox(member(bob), java.util.Optional.of(NotificationKind.REPLIED),
                    org.forumkit.model.PageRequest.first(5)).items().get(0).notification().count()).isEqualTo(2);
        }

        @Test
        @DisplayName("feeds: /b/{slug}.atom and /t/{id}.atom are Atom documents with absolute links; unknown ones 404")
        void feeds() throws Exception {
            Topic topic = topic(carol, "Feed me");
            forum.posts().reply(member(alice), Reply.to(topic.id(), "A reply in the feed."));
            Browser reader = new Browser(port);
            Answer board = reader.get("/b/" + general.slug() + ".atom", "Accept", "*/*");
            assertThat(board.status()).as(board.toString()).isEqualTo(200);
            assertThat(board.header("Content-Type")).startsWith("application/atom+xml");
            Document boardFeed = parse(board);
            assertThat(boardFeed.getDocumentElement().getLocalName()).isEqualTo("feed");
            assertThat(boardFeed.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
            assertThat(board.text()).contains("Feed me", "https://forum.example.test/topics/" + topic.id(),
                    "https://forum.example.test/b/" + general.slug() + ".atom");

            Answer thread = reader.get("/t/" + topic.id() + ".atom", "Accept", "application/atom+xml");
            assertThat(thread.status()).as(thread.toString()).isEqualTo(200);
            assertThat(parse(thread).getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry").getLength())
                    .isEqualTo(2);
            assertThat(thread.text()).contains("https://forum.example.test/topics/" + topic.id() + "/floors/2");

            assertThat(reader.get("/t/999999999.atom", "Accept", "*/*").status()).isEqualTo(404);
            assertThat(reader.get("/b/no-such-board.atom", "Accept", "*/*").status()).isEqualTo(404);
        }

        private List<OutgoingNotification> sentTo(String user, NotificationKind kind) {
            return recorder.sent.stream().filter(n -> n.recipient().id().value().equals(user))
                    .filter(n -> n.entry().notification().kind().equals(kind)).toList();
        }

        private static Answer post(Browser browser, String path, String form, String accept) {
            return browser.send(HttpRequest.newBuilder(browser.uri(path)).header("Accept", accept)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }

        private static Document parse(Answer answer) throws Exception {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(answer.response().body()));
        }
    }
}
