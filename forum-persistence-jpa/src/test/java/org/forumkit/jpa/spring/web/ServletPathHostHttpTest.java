package org.forumkit.jpa.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.forumkit.jpa.spring.web.Browser.Answer;
import org.forumkit.jpa.spring.web.host.ApiHostApp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A host that moves Spring MVC's dispatcher servlet with {@code spring.mvc.servlet.path=/app}: the API and the widget
 * live under it ({@code /app/api/…}, {@code /app/forumkit/…}), and everything that matches the API's requests
 * outside Spring MVC (the body-size guard, Spring Security's JSON errors and open paths, the unknown-path fallback)
 * and the script's own idea of the API follow it.
 */
@Tag("h2")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServletPathHostHttpTest extends DefaultSecuritySite {
    ServletPathHostHttpTest() {
        super("servlet-path", Map.of("spring.mvc.servlet.path", "/app", "forumkit.api.max-body-size", "1KB"));
    }

    @Test
    @DisplayName("the API and the widget answer under the servlet path, and the script calls the API there")
    void underTheServletPath() {
        Browser browser = new Browser(port);
        Answer session = browser.get("/app/api/session");
        assertThat(session.status()).as(session.toString()).isEqualTo(200);
        assertThat(browser.get("/app/api/boards").json().findValuesAsText("slug")).contains("general");
        assertThat(browser.get("/app/api/topics/" + topic.id().value()).status()).isEqualTo(200);
        Answer script = browser.get("/app/forumkit/forumkit.js", "Accept", "*/*");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.text()).contains("var API = '/app/api';");
        assertThat(app.getBean(ForumkitApiSecurity.class).basePath()).isEqualTo("/app/api");
        // outside the dispatcher servlet's path there is no API: Boot's chain keeps it for signed-in users
        assertThat(browser.get("/api/boards").status()).isEqualTo(401);
    }

    @Test
    @DisplayName("writes, CSRF, the size guard and the JSON errors follow the API under the servlet path")
    void guardsFollowIt() {
        String replies = "/app/api/topics/" + topic.id().value() + "/replies";
        Browser anonymous = new Browser(port, "/app/api", "/login");
        anonymous.session();
        ForumkitApiHttpTest.Cases.error(anonymous.send("POST", replies, "application/json", "{\"body\": \"x\"}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), false), 403, "CSRF");
        ForumkitApiHttpTest.Cases.error(anonymous.write("POST", replies, "{\"body\": \"x\"}"), 401, "LOGIN_REQUIRED");

        // signed in by HTTP Basic (Boot's default chain has it), with the session's CSRF token
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(("alice:" + ApiHostApp.PASSWORD)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Browser alice = new Browser(port, "/app/api", "/login");
        alice.session();
        Answer reply = alice.send("POST", replies, "application/json", "{\"body\": \"Under /app.\"}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), true, "Authorization", basic);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.json().path("author").path("id").asText()).isEqualTo("alice");
        ForumkitApiHttpTest.Cases.error(alice.send("POST", replies, "application/json", ("{\"body\": \""
                + "长".repeat(2000) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8), true,
                "Authorization", basic), 413, "PAYLOAD_TOO_LARGE");
        ForumkitApiHttpTest.Cases.error(alice.get("/app/api/no-such-thing"), 404, "NOT_FOUND");
        ForumkitApiHttpTest.Cases.error(alice.send("PUT", replies, "application/json", "{}".getBytes(
                java.nio.charset.StandardCharsets.UTF_8), true, "Authorization", basic), 405, "METHOD_NOT_ALLOWED");
    }
}
