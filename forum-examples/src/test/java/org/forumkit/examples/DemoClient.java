package org.forumkit.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A browser-like HTTP client of the demo: keeps cookies, knows the CSRF token. */
final class DemoClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private String csrf;
    private java.time.Duration timeout;

    DemoClient(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** Gives up on any answer after {@code timeout} (an {@code HttpTimeoutException}). */
    DemoClient timeout(java.time.Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    record Reply(int status, JsonNode json, String text, HttpResponse<String> raw) {
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    Reply get(String path, String header, String value) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header(header, value).GET().build());
    }

    Reply method(String method, String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody())
                .build());
    }

    /** A form post with exactly these fields: no CSRF token unless one is among them. */
    Reply formWithout(String path, String... pairs) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            body.append(body.length() == 0 ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    /** The value of the cookie {@code name} the client holds, or null. */
    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    /** The CSRF token a page's forms carry (the sign-in page's), as a browser would submit it. */
    String pageCsrf() throws IOException, InterruptedException {
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"")
                .matcher(get("/login").text());
        if (!token.find()) {
            throw new IllegalStateException("the sign-in page has no CSRF field");
        }
        return token.group(1);
    }

    Reply json(String method, String path, String body, boolean withCsrf) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (withCsrf) {
            request.header("X-CSRF-Token", csrf());
        }
        return send(request.build());
    }

    /** A JSON request with this CSRF token in the header (null: none), whatever this client's own token is. */
    Reply jsonWithToken(String method, String path, String body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            request.header("X-CSRF-TOKEN", token);
        }
        return send(request.build());
    }

    Reply json(String method, String path, String body) throws IOException, InterruptedException {
        return json(method, path, body, true);
    }

    Reply form(String path, String... pairs) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder("csrf=" + URLEncoder.encode(pageCsrf(), StandardCharsets.UTF_8));
        for (int i = 0; i < pairs.length; i += 2) {
            body.append('&').append(pairs[i]).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    /** Signs in as a demo user, the way the login page's form does. */
    DemoClient signIn(String user) throws IOException, InterruptedException {
        Reply reply = form("/login", "user", user, "next", "/");
        if (reply.status() != 303) {
            throw new IllegalStateException("sign-in failed: " + reply.status() + " " + reply.text());
        }
        csrf = null; // a new session comes with a new token
        return this;
    }

    String csrf() throws IOException, InterruptedException {
        if (csrf == null) {
            csrf = get("/api/session").json().get("csrfToken").asText();
        }
        return csrf;
    }

    private Reply send(HttpRequest request) throws IOException, InterruptedException {
        if (timeout != null) {
            request = HttpRequest.newBuilder(request, (name, value) -> true).timeout(timeout).build();
        }
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode json = null;
        if (response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            json = JSON.readTree(response.body());
        }
        return new Reply(response.statusCode(), json, response.body(), response);
    }
}
