package org.forumkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.Session;
import org.forumkit.model.TopicId;
import org.forumkit.tck.ForumFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

@Tag("h2")
@DisplayName("The demo site's pages on Spring Boot: sign-in, CSRF, redirects, sessions and error pages")
class SitePagesTest {
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

    static DemoClient client() {
        return new DemoClient(app.url());
    }

    static long replies() {
        return app.forum().topics().get(ForumFixtures.ADMIN, TopicId.of(1)).replies();
    }

    /** An error page: the status, the text in the reader's language, and nothing of the framework. */
    static void assertErrorPage(DemoClient.Reply reply, int status, String text) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(reply.text()).contains("<p class=\"error\" id=\"error\">" + text)
                .doesNotContain("Whitelabel").doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("springframework");
    }

    @Nested
    @DisplayName("signing in and out")
    class SignIn {
        @Test
        @DisplayName("choosing a demo user signs in on a fresh session id; signing out ends that session")
        void signInAndOut() throws Exception {
            DemoClient client = client();
            assertThat(client.get("/topics/1").text()).contains("id=\"sign-in\"").doesNotContain("id=\"me\"");
            assertThat(client.cookie("FORUMKIT_SESSION")).as("an anonymous reader has no session").isNull();
            assertThat(client.cookie("FORUMKIT_CSRF")).as("the page's forms carry a token of a cookie").isNotNull();

            DemoClient.Reply login = client.form("/login", "user", "bob", "next", "/topics/1?from=1#floor-2");
            assertThat(login.status()).isEqualTo(303);
            assertThat(login.raw().headers().firstValue("Location")).contains("/topics/1?from=1#floor-2");
            assertThat(login.raw().headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                    .startsWith("FORUMKIT_SESSION=").contains("HttpOnly").contains("SameSite=Lax"));
            String after = client.cookie("FORUMKIT_SESSION");
            assertThat(after).as("the session begins at sign-in").isNotNull();
            assertThat(client.get("/topics/1").text()).contains("<span class=\"me\" id=\"me\">鲍勃</span>")
                    .contains("class=\"reply-form\"");

            DemoClient.Reply logout = client.form("/logout");
            assertThat(logout.status()).isEqualTo(303);
            assertThat(logout.raw().headers().firstValue("Location")).contains("/");
            assertThat(client.get("/topics/1").text()).contains("id=\"sign-in\"").doesNotContain("id=\"me\"");
        }

        @Test
        @DisplayName("an unknown demo user is a 400 page, and nobody is signed in")
        void unknownUser() throws Exception {
            DemoClient client = client();
            assertErrorPage(client.form("/login", "user", "mallory"), 400, "没有这个演示用户。");
            assertErrorPage(client().form("/login", "user", ""), 400, "没有这个演示用户。");
            assertThat(client.get("/").text()).contains("id=\"sign-in\"");
        }

        @Test
        @DisplayName("the moderator's role comes through Spring Security into Forumkit: the lock button shows")
        void moderatorRole() throws Exception {
            assertThat(client().form("/login", "user", "alice").status()).isEqualTo(303);
            DemoClient mod = client();
            mod.form("/login", "user", "mod");
            assertThat(mod.get("/topics/1").text()).contains("id=\"mod-lock\"");
            DemoClient alice = client();
            alice.form("/login", "user", "alice");
            assertThat(alice.get("/topics/1").text()).doesNotContain("id=\"mod-lock\"");
        }
    }

    @Nested
    @DisplayName("CSRF tokens on forms")
    class Csrf {
        @Test
        @DisplayName("a reply without the token, or with a wrong one, is a 403 page that says so, and writes nothing")
        void missingOrWrongToken() throws Exception {
            DemoClient alice = client();
            alice.form("/login", "user", "alice");
            long before = replies();
            assertErrorPage(alice.formWithout("/topics/1/replies", "body", "没有令牌的回复"), 403, "表单的安全令牌缺失或已过期");
            assertErrorPage(alice.formWithout("/topics/1/replies", "csrf", "forged", "body", "伪造的令牌"), 403,
                    "表单的安全令牌缺失或已过期");
            assertThat(replies()).isEqualTo(before);
            DemoClient.Reply ok = alice.form("/topics/1/replies", "body", "带令牌的回复");
            assertThat(ok.status()).as(ok.text()).isEqualTo(303);
            assertThat(replies()).isEqualTo(before + 1);
        }

        @Test
        @DisplayName("sign-in and sign-out need the token too (no login CSRF, no forced logout)")
        void loginAndLogoutNeedTheToken() throws Exception {
            DemoClient client = client();
            assertErrorPage(client.formWithout("/login", "user", "alice"), 403, "表单的安全令牌缺失或已过期");
            assertThat(client.get("/").text()).contains("id=\"sign-in\"");
            client.form("/login", "user", "carol");
            assertErrorPage(client.formWithout("/logout"), 403, "表单的安全令牌缺失或已过期");
            assertThat(client.get("/").text()).contains("id=\"me\">Carol<");
        }

        @Test
        @DisplayName("the error page is in English for an English reader")
        void english() throws Exception {
            DemoClient client = client();
            client.get("/lang?to=en&next=/");
            assertErrorPage(client.formWithout("/login", "user", "alice"), 403,
                    "The security token of this form is missing or has expired");
        }
    }

    @Nested
    @DisplayName("redirect targets are paths of this site only")
    class Redirects {
        @ParameterizedTest(name = "next={0}")
        @ValueSource(strings = {"/\u010d\u010aSet-Cookie: FORUMKIT_SESSION=planted", "/\t/evil.example/",
                "//evil.example/", "/\\evil.example/", "https://evil.example/", "http:evil.example",
                "javascript:alert(1)", "evil.example", "/ /evil.example", ""})
        @DisplayName("after sign-in, a hostile next goes to /")
        void afterSignIn(String next) throws Exception {
            DemoClient.Reply login = client().form("/login", "user", "alice", "next", next);
            assertThat(login.status()).isEqualTo(303);
            assertThat(login.raw().headers().allValues("Location")).containsExactly("/");
        }

        @ParameterizedTest(name = "next={0}")
        @ValueSource(strings = {"/%C4%8D%C4%8ASet-Cookie:%20FORUMKIT_SESSION=planted", "/%09/evil.example/",
                "//evil.example/", "/%5Cevil.example/", "https://evil.example/", "%2F%2Fevil.example",
                "/%0D%0ASet-Cookie:%20x=1", "/%E2%80%A8x"})
        @DisplayName("after the language switch, a hostile next goes to /, and no header is injected on the wire")
        void afterLanguageSwitch(String next) throws Exception {
            String response = rawGet("/lang?to=en&next=" + next);
            assertThat(response).startsWith("HTTP/1.1 303");
            assertThat(response).contains("\r\nLocation: /\r\n");
            assertThat(response).doesNotContain("planted").doesNotContain("\r\nSet-Cookie: x=")
                    .doesNotContain("evil.example");
            assertThat(response.lines().filter(l -> l.regionMatches(true, 0, "Set-Cookie:", 0, 11)))
                    .singleElement().satisfies(cookie -> assertThat(cookie).startsWith("Set-Cookie: lang=en;"));
        }

        @Test
        @DisplayName("a path of this site is kept as it is, query and fragment included")
        void localPathKept() throws Exception {
            assertThat(rawGet("/lang?to=en&next=%2Fsearch%3Fq%3D%25E6%25B0%2591%26titles%3Dtrue"))
                    .contains("\r\nLocation: /search?q=%E6%B0%91&titles=true\r\n");
            DemoClient.Reply login = client().form("/login", "user", "alice", "next", "/boards/news-media#new-topic");
            assertThat(login.raw().headers().allValues("Location")).containsExactly("/boards/news-media#new-topic");
        }

        /** The response's head as the bytes on the wire read, with no HTTP client's parsing in between. */
        private String rawGet(String target) throws Exception {
            try (Socket socket = new Socket("127.0.0.1", app.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                InputStream in = socket.getInputStream();
                String all = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                return all.substring(0, all.indexOf("\r\n\r\n") + 2);
            }
        }
    }

    @Nested
    @DisplayName("sessions")
    class Sessions {
        @Test
        @DisplayName("an expired session is signed out: the page offers sign-in, and a reply with its form's token is"
                + " refused as needing sign-in")
        void expiredSessionIsSignedOut() throws Exception {
            DemoClient alice = client();
            alice.form("/login", "user", "alice");
            String token = alice.pageCsrf();
            assertThat(alice.get("/").text()).contains("id=\"me\">Alice<");

            Context context = (Context) ((TomcatWebServer) ((WebServerApplicationContext) app.context()).getWebServer())
                    .getTomcat().getHost().findChildren()[0];
            Session session = context.getManager().findSession(alice.cookie("FORUMKIT_SESSION"));
            assertThat(session).isNotNull();
            session.expire();

            assertThat(alice.get("/topics/1").text()).contains("id=\"sign-in\"").doesNotContain("id=\"me\"")
                    .contains("您需要登录后才可以回帖");
            long before = replies();
            // the token lives in its own cookie (no session for anonymous readers): still valid, but nobody signed in
            assertErrorPage(alice.formWithout("/topics/1/replies", "csrf", token, "body", "过期会话的回复"), 401, "");
            assertThat(replies()).isEqualTo(before);
        }

        @Test
        @DisplayName("a made-up session cookie is an anonymous reader, not an error")
        void unknownSessionCookie() throws Exception {
            DemoClient.Reply page = client().get("/topics/1", "Cookie", "FORUMKIT_SESSION=0123456789ABCDEF");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.text()).contains("id=\"sign-in\"");
        }
    }

    @Nested
    @DisplayName("error pages")
    class ErrorPages {
        @Test
        @DisplayName("unknown paths, ids and boards are 404 pages in the reader's language")
        void notFound() throws Exception {
            assertErrorPage(client().get("/no-such-page"), 404, "您要找的页面不存在。");
            assertErrorPage(client().get("/topics/999999"), 404, "您要找的页面不存在。");
            assertErrorPage(client().get("/topics/abc"), 404, "您要找的页面不存在。");
            assertErrorPage(client().get("/boards/no-such-board"), 404, "您要找的页面不存在。");
            assertErrorPage(client().get("/articles/nothing"), 404, "您要找的页面不存在。");
            assertErrorPage(client().get("/static/nothing.js"), 404, "您要找的页面不存在。");
            assertErrorPage(client().get("/no-such-page", "Accept-Language", "en-US,en"), 404,
                    "There is no such page here.");
        }

        @Test
        @DisplayName("bad parameters are 400 pages, a wrong method 405, a page that needs sign-in 401")
        void badRequests() throws Exception {
            assertErrorPage(client().get("/topics/1?from=abc"), 400, "请求有误");
            assertErrorPage(client().get("/topics/1?from=0"), 400, "请求有误");
            assertErrorPage(client().get("/boards/news-media?after=garbage"), 400, "请求有误");
            assertErrorPage(client().get("/search?q=%25"), 400, "");
            assertErrorPage(client().get("/topics/1/replies"), 405, "此页面不接受这种请求。");
            assertErrorPage(client().get("/boards/news-media/reports"), 401, "");
        }

        @Test
        @DisplayName("a form with a bad choice is a 400 page and writes nothing")
        void badChoice() throws Exception {
            DemoClient alice = client();
            alice.form("/login", "user", "alice");
            assertErrorPage(alice.form("/posts/2/vote", "vote", "MAYBE", "next", "/topics/1"), 400, "请求有误");
            assertErrorPage(alice.form("/topics/1/replies", "body", "   "), 400, "");
        }

        @Test
        @DisplayName("an oversized form post is refused with 413 before anything reads it, and writes nothing")
        void oversizedForm() throws Exception {
            DemoClient alice = client();
            alice.form("/login", "user", "alice");
            long before = replies();
            assertErrorPage(alice.form("/topics/1/replies", "body", "长".repeat(100_000)), 413, "提交的内容太大。");
            assertThat(replies()).isEqualTo(before);
        }
    }

    @Nested
    @DisplayName("starting on a database that is not there")
    class BadDatabase {
        @Test
        @DisplayName("says so in one line and exits with 1, no stack trace")
        void oneLine(@TempDir Path dir) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            String url = "jdbc:h2:file:" + dir.resolve("missing") + ";IFEXISTS=TRUE";
            int status = DemoApp.launch(new String[] {"--port", "0", "--jdbc-url", url}, Map.of(),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(status).isEqualTo(1);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().satisfies(line -> assertThat(line)
                    .startsWith("forum-demo: cannot open the database jdbc:h2:file:").contains("not found"));
        }
    }
}
