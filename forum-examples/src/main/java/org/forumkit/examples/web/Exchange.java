package org.forumkit.examples.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One HTTP request and its response, over the JDK's built-in server. */
final class Exchange {
    /** Bodies larger than this are refused: no form or JSON of this app needs more. */
    static final int MAX_BODY = 256 * 1024;

    final HttpExchange http;
    final String method;
    final String path;
    private final Map<String, List<String>> query;
    private final Map<String, String> cookies;
    private Map<String, List<String>> form;
    private byte[] body;
    Session session;
    Locale locale;
    java.time.ZoneId zone;

    Exchange(HttpExchange http) {
        this.http = http;
        this.method = http.getRequestMethod();
        this.path = http.getRequestURI().getRawPath();
        this.query = parse(http.getRequestURI().getRawQuery());
        this.cookies = cookies(http.getRequestHeaders().getFirst("Cookie"));
    }

    Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name)).map(values -> values.get(0));
    }

    Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(http.getRequestHeaders().getFirst(name));
    }

    byte[] body() throws IOException {
        if (body == null) {
            try (InputStream in = http.getRequestBody()) {
                byte[] read = in.readNBytes(MAX_BODY + 1);
                if (read.length > MAX_BODY) {
                    throw new BadRequest("the request body is larger than " + MAX_BODY + " bytes");
                }
                body = read;
            }
        }
        return body;
    }

    Optional<String> form(String name) throws IOException {
        if (form == null) {
            form = parse(new String(body(), StandardCharsets.UTF_8));
        }
        return Optional.ofNullable(form.get(name)).map(values -> values.get(0));
    }

    void setCookie(String name, String value, boolean httpOnly) {
        http.getResponseHeaders().add("Set-Cookie", name + "=" + value + "; Path=/; SameSite=Lax"
                + (httpOnly ? "; HttpOnly" : "") + "; Max-Age=" + (60 * 60 * 24 * 30));
    }

    void send(int status, String contentType, byte[] content) throws IOException {
        http.getResponseHeaders().set("Content-Type", contentType);
        http.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        http.getResponseHeaders().set("Referrer-Policy", "same-origin");
        if (contentType.startsWith("text/html")) {
            http.getResponseHeaders().set("Content-Security-Policy",
                    "default-src 'self'; img-src 'self' https: data:; style-src 'self' 'unsafe-inline'; "
                            + "script-src 'self'; frame-ancestors 'self'; form-action 'self'");
            http.getResponseHeaders().set("X-Frame-Options", "SAMEORIGIN");
        }
        boolean head = method.equals("HEAD");
        http.sendResponseHeaders(status, head ? -1 : content.length == 0 ? -1 : content.length);
        if (!head && content.length > 0) {
            try (OutputStream out = http.getResponseBody()) {
                out.write(content);
            }
        }
        http.close();
    }

    void redirect(String location) throws IOException {
        http.getResponseHeaders().set("Location", location);
        send(303, "text/plain; charset=utf-8", new byte[0]);
    }

    private static Map<String, List<String>> parse(String encoded) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return values;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("badly encoded parameter");
        }
    }

    private static Map<String, String> cookies(String header) {
        Map<String, String> cookies = new HashMap<>();
        if (header != null) {
            for (String part : header.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0 && !part.strip().startsWith("$")) { // $Version, $Path: RFC 2965 clients (java.net)
                    String value = part.substring(eq + 1).strip();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    cookies.putIfAbsent(part.substring(0, eq).strip(), value);
                }
            }
        }
        return cookies;
    }

    /** The request itself is malformed: a 400 with this message. */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    /** No page, article or file of the site has this path or name: a 404 with this message. */
    static final class NotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotFound(String what, String name) {
            super(what + " " + name + " not found");
        }
    }
}
