package org.forumkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.forumkit.model.Board;
import org.forumkit.tck.ForumFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The widget embedded as a site on another origin does it: a blog page served from its own local port, with the two
 * HTML lines pointing at the demo. The demo's API allows that origin ({@code forumkit.api.cors.allowed-origins})
 * and one more by pattern ({@code …allowed-origin-patterns}); a third origin is refused.
 */
@Tag("browser")
@Tag("h2")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The comments widget on another origin (CORS allow-list, credentials, CSRF)")
class WidgetCrossOriginTest {
    static final String KEY = "article-civil-affairs";

    @TempDir
    static Path data;
    DemoApp app;
    ChromeDriver browser;
    Widgets widget;
    HttpServer allowed;
    HttpServer byPattern;
    HttpServer refused;

    @BeforeAll
    void start() throws Exception {
        browser = Browsers.chromium();
        allowed = blog();
        byPattern = blog();
        refused = blog();
        app = DemoApp.start(new DemoConfig(0, null, null, null, data), Map.of(
                "forumkit.api.cors.allowed-origins", origin(allowed),
                // localhost on any port: the pattern form; 127.0.0.1 on the third port matches neither
                "forumkit.api.cors.allowed-origin-patterns", "http://localhost:[*]"));
        widget = new Widgets(browser);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
        for (HttpServer server : new HttpServer[] {allowed, byPattern, refused}) {
            if (server != null) {
                server.stop(0);
            }
        }
    }

    /** A blog on its own port: one article page embedding the demo's widget with the two documented lines. */
    private HttpServer blog() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String html = "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>博客</title></head>"
                    + "<body><main><h1>一篇博客文章</h1><p>评论 <span data-forumkit-count=\"" + KEY + "\">?</span></p>"
                    + "<div data-forumkit-key=\"" + KEY + "\"></div>"
                    + "<script src=\"" + app.url() + "forumkit/forumkit.js\" defer></script></main></body></html>";
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String origin(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void signInAs(String user) {
        browser.get(app.url() + "login?next=/");
        browser.findElement(By.id("login-" + user)).click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(20))
                .until(d -> !d.getCurrentUrl().contains("/login"));
    }

    @Test
    @DisplayName("from an allowed origin: comments read, and with the visitor's forum cookies and CSRF token posted and voted")
    void allowedOrigin() {
        browser.get(origin(allowed) + "/article");
        widget.ready();
        assertThat(widget.find(".fk-login-required").getText()).contains("您需要登录后才可以回帖");
        assertThat(widget.find(".fk-sign-in").getAttribute("href")).startsWith(app.url() + "login?next=");
        assertThat(widget.resources().keySet()).filteredOn(url -> url.contains("/api/"))
                .allSatisfy(url -> assertThat(url).startsWith(app.url()));

        signInAs("carol");
        browser.get(origin(allowed) + "/article");
        widget.ready();
        widget.find(".fk-input").sendKeys("来自另一个网站的评论");
        widget.find(".fk-submit").click();
        assertThat(widget.find("#fk-floor-1 .fk-body").getText()).isEqualTo("来自另一个网站的评论");
        Board board = app.forum().boards().bySlug(ForumFixtures.ADMIN, "comments").orElseThrow();
        var thread = app.forum().topics().byExternalKey(ForumFixtures.ADMIN, board.id(), KEY).orElseThrow();
        assertThat(thread.lastPostBy().displayName()).isEqualTo("Carol");

        signInAs("bob");
        browser.get(origin(allowed) + "/article");
        widget.find("#fk-floor-1 .fk-support").click();
        widget.waitGone("#fk-floor-1[aria-busy]");
        assertThat(widget.find("#fk-floor-1 .fk-support").getText()).isEqualTo("支持 1");
        assertThat(widget.all("#fk-floor-1 .fk-error").get(0).isDisplayed()).isFalse();
        assertThat(app.forum().topics().page(ForumFixtures.ADMIN, thread.id(),
                org.forumkit.model.TopicPageRequest.first(5)).posts().get(0).support()).isEqualTo(1);
        assertThat(browser.findElement(By.cssSelector("[data-forumkit-count]")).getText()).isEqualTo("1");
    }

    @Test
    @DisplayName("from an origin allowed by pattern the thread reads; from any other the API answers 403 CORS and the widget says so inline")
    void patternAndRefusedOrigins() throws Exception {
        browser.get("http://localhost:" + byPattern.getAddress().getPort() + "/article");
        widget.ready();
        assertThat(widget.all(".fk-status-error")).isEmpty();
        assertThat(widget.find(".fk-count").getText()).endsWith("条评论");

        browser.get(origin(refused) + "/article");
        widget.waitFor(".fk-status", "网络错误");
        assertThat(widget.find(".fk-status").getAttribute("class")).contains("fk-status-error");
        assertThat(widget.all(".fk-post")).isEmpty();
        assertThat(widget.all("textarea")).isEmpty();

        // what the browser hides from the page: the API's documented answer to that origin
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(app.url() + "api/comments?key=" + KEY)).header("Origin", origin(refused))
                .header("Accept-Language", "zh-CN").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        JsonNode error = new ObjectMapper().readTree(answer.body());
        assertThat(error.path("error").asText()).isEqualTo("CORS");
        assertThat(error.path("message").asText()).isNotBlank();
        HttpResponse<String> ok = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(app.url() + "api/comments?key=" + KEY)).header("Origin", origin(allowed)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).contains(origin(allowed));
        assertThat(ok.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
    }
}
