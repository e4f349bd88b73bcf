package org.forumkit.jpa.spring.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One visitor of the test site over real HTTP: its own cookies (session), the CSRF token the API gave it. */
final class Browser {
    static final ObjectMapper JSON = new ObjectMapper();

    private final String origin;
    private final HttpClient http;
    String csrfToken;
    String csrfHeader;

    /** Where the API's session endpoint is: {@code /api}, or under the host's {@code spring.mvc.servlet.path}. */
    private final String api;

    /** The sign-in form's path: under the servlet path too, where Spring Security's matchers then look. */
    private final String login;

    Browser(int port) {
        this(port, "/api", "/login");
    }

    Browser(int port, String api, String login) {
        this.api = api;
        this.login = login;
        this.origin = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Reads {@code /api/session}, keeping its CSRF token for the writes that follow. */
    JsonNode session() {
        Answer answer = get(api + "/session");
        JsonNode body = answer.json();
        csrfToken = body.path("csrfToken").asText(null);
        csrfHeader = body.path("csrfHeader").asText(null);
        return body;
    }

    /** Signs in through the site's Spring Security form login (with the session's CSRF token), as a browser does. */
    Browser signIn(String user) {
        session();
        Answer answer = send(HttpRequest.newBuilder(uri(login)).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("username=" + user
                + "&password=" + org.forumkit.jpa.spring.web.host.ApiHostApp.PASSWORD + "&_csrf="
                + URLEncoder.encode(csrfToken, StandardCharsets.UTF_8))));
        if (answer.status() != 302 || answer.header("Location").contains("error")) {
            throw new IllegalStateException("sign-in failed: " + answer.status() + " " + answer.header("Location"));
        }
        session(); // Spring Security gives the new session a new CSRF token
        return this;
    }

    Answer get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).headers(withAccept(headers)).GET());
    }

    /** A JSON write with the CSRF token. */
    Answer write(String method, String path, String json) {
        return send(method, path, "application/json", json.getBytes(StandardCharsets.UTF_8), true);
    }

    Answer send(String method, String path, String contentType, byte[] body, boolean csrf, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).headers(withAccept(headers))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (csrf) {
            request.header(csrfHeader, csrfToken);
        }
        return send(request);
    }

    /** A body of unknown length: sent chunked, with no Content-Length. */
    Answer sendChunked(String method, String path, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path)).headers(withAccept()).header("Content-Type", "application/json")
                .header(csrfHeader, csrfToken)
                .method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    }

    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create(origin + path);
    }

    private static String[] withAccept(String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("Accept")) {
                return headers;
            }
        }
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Accept";
        all[headers.length + 1] = "application/json";
        return all;
    }

    /** A response: status, headers, body. */
    record Answer(HttpResponse<byte[]> response) {
        int status() {
            return response.statusCode();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse("");
        }

        String text() {
            return new String(response.body(), StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status() + "): " + text(), e);
            }
        }

        @Override
        public String toString() {
            return status() + " " + response.headers().map() + " " + text();
        }
    }
}
