package org.forumkit.jpa.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.forumkit.jpa.spring.web.Browser.Answer;
import org.forumkit.jpa.spring.web.host.ApiHostApp;
import org.forumkit.jpa.spring.web.host.DefaultSecurityHostApp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shipped API in a real Spring Boot site that has no security configuration of its own
 * ({@link DefaultSecurityHostApp}), over HTTP on Tomcat: Boot's default chain with the API's and widget's paths open
 * (the forum decides each permission), reads for everyone, writes behind the session's CSRF token and the forum's
 * sign-in rule, errors as the API's JSON, and the host's own page still behind Boot's sign-in.
 */
@Tag("h2")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DefaultSecurityHostHttpTest extends DefaultSecuritySite {
    DefaultSecurityHostHttpTest() {
        super("default-security", Map.of());
    }

    private String replies() {
        return "/api/topics/" + topic.id().value() + "/replies";
    }

    @Test
    @DisplayName("reads are open to anonymous visitors; the session endpoint gives Spring Security's CSRF token")
    void reads() {
        Browser browser = new Browser(port);
        JsonNode session = browser.session();
        assertThat(session.get("user").isNull()).isTrue();
        assertThat(session.path("csrfToken").asText()).isNotBlank();
        assertThat(session.path("csrfHeader").asText()).isEqualTo("X-CSRF-TOKEN");
        assertThat(browser.get("/api/boards").json().findValuesAsText("slug")).contains("general");
        Answer page = browser.get("/api/topics/" + topic.id().value());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().path("posts").get(0).path("body").asText()).isEqualTo("First.");
        assertThat(page.json().path("permissions").path("reply").path("reason").asText()).isEqualTo("LOGIN_REQUIRED");
        assertThat(browser.get("/forumkit/forumkit.js", "Accept", "*/*").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("a write needs the CSRF token (403 CSRF), then a signed-in viewer (401 LOGIN_REQUIRED); signed in it lands")
    void writes() {
        Browser anonymous = new Browser(port);
        anonymous.session();
        byte[] body = "{\"body\": \"Hi.\"}".getBytes(StandardCharsets.UTF_8);
        ForumkitApiHttpTest.Cases.error(anonymous.send("POST", replies(), "application/json", body, false), 403, "CSRF");
        ForumkitApiHttpTest.Cases.error(anonymous.write("POST", replies(), "{\"body\": \"Hi.\"}"), 401,
                "LOGIN_REQUIRED");

        Browser alice = new Browser(port).signIn("alice"); // Boot's form login, the session's token
        ForumkitApiHttpTest.Cases.error(alice.send("POST", replies(), "application/json", body, false), 403, "CSRF");
        Answer reply = alice.write("POST", replies(), "{\"body\": \"Signed in.\"}");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.json().path("author").path("id").asText()).isEqualTo("alice");

        // HTTP Basic (also in Boot's default chain) signs in, but is no way around CSRF
        String basic = "Basic " + Base64.getEncoder().encodeToString(("alice:" + ApiHostApp.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        ForumkitApiHttpTest.Cases.error(new Browser(port).send("POST", replies(), "application/json", body, false,
                "Authorization", basic), 403, "CSRF");
        // a wrong password is the API's JSON 401, not Boot's
        ForumkitApiHttpTest.Cases.error(new Browser(port).send("GET", "/api/boards", null, null, false,
                "Authorization", "Basic " + Base64.getEncoder().encodeToString("alice:wrong".getBytes(
                        StandardCharsets.UTF_8))), 401, "LOGIN_REQUIRED");
    }

    @Test
    @DisplayName("errors stay the API's JSON: bad body 400, unknown path 404, wrong method 405, unknown topic 404")
    void errors() {
        Browser alice = new Browser(port).signIn("alice");
        ForumkitApiHttpTest.Cases.error(alice.write("POST", replies(), "{\"body\": \"x\"} trailing"), 400, "BAD_REQUEST");
        ForumkitApiHttpTest.Cases.error(alice.get("/api/no-such-thing"), 404, "NOT_FOUND");
        ForumkitApiHttpTest.Cases.error(alice.write("PUT", replies(), "{\"body\": \"x\"}"), 405, "METHOD_NOT_ALLOWED");
        ForumkitApiHttpTest.Cases.error(new Browser(port).get("/api/topics/987654321"), 404, "NOT_FOUND");
    }

    @Test
    @DisplayName("the host's own page stays behind Boot's default sign-in")
    void hostPageStaysProtected() {
        Answer browserAsks = new Browser(port).get("/private", "Accept", "text/html");
        assertThat(browserAsks.status()).isEqualTo(302);
        assertThat(browserAsks.header("Location")).endsWith("/login");
        assertThat(new Browser(port).get("/private", "Accept", "application/json").status()).isEqualTo(401);
        Answer signedIn = new Browser(port).signIn("alice").get("/private", "Accept", "text/plain");
        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(signedIn.text()).isEqualTo("only for signed-in users");
    }
}
