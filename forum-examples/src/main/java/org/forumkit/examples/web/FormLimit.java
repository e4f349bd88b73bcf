package org.forumkit.examples.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import org.forumkit.jpa.spring.web.BufferedBodyRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads a form post whole before anything else does, within a size ({@code server.tomcat.max-http-form-post-size})
 * and a time limit ({@code forumkit.demo.form-read-timeout}): past the size 413, a malformed body 400, a body not
 * arrived in time (a client sending a byte a second) 408 with the connection closed, each on the site's error page.
 * Tomcat's own form parsing bounds each read only, so a slow client could otherwise hold a worker for as long as it
 * keeps dripping. The parameters are then answered from the body read here. Without the early read, the first
 * reader, Spring Security's CSRF filter, would see no token and the reader a misleading 403.
 */
final class FormLimit extends OncePerRequestFilter {
    private final long maxBytes;
    private final long readNanos;

    FormLimit(long maxBytes, Duration readTimeout) {
        if (maxBytes < 1 || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("form limits must be positive: " + maxBytes + " bytes, " + readTimeout);
        }
        this.maxBytes = maxBytes;
        this.readNanos = readTimeout.toNanos();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            SiteSecurity.errorPage(request, response, HttpStatus.CONTENT_TOO_LARGE, null);
            return;
        }
        byte[] body = readWithin(request.getInputStream());
        if (body == null) {
            response.setHeader("Connection", "close");
            SiteSecurity.errorPage(request, response, HttpStatus.REQUEST_TIMEOUT, null);
            return;
        }
        if (body.length > maxBytes) {
            SiteSecurity.errorPage(request, response, HttpStatus.CONTENT_TOO_LARGE, null);
            return;
        }
        Charset charset = request.getCharacterEncoding() == null ? StandardCharsets.UTF_8
                : Charset.forName(request.getCharacterEncoding());
        Map<String, String[]> parameters;
        try {
            parameters = parse(request.getQueryString(), new String(body, charset), charset);
        } catch (IllegalArgumentException malformed) {
            SiteSecurity.errorPage(request, response, HttpStatus.BAD_REQUEST, null);
            return;
        }
        chain.doFilter(new ReadForm(request, body, parameters), response);
    }

    /** At most {@code maxBytes + 1} bytes, or null when the body has not arrived whole within the deadline. */
    private byte[] readWithin(InputStream in) throws IOException {
        long deadline = System.nanoTime() + readNanos;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer, 0, (int) Math.min(buffer.length, maxBytes + 1 - out.size()))) > 0; ) {
            out.write(buffer, 0, n);
            if (out.size() > maxBytes) {
                break;
            }
            if (System.nanoTime() - deadline > 0) {
                return null;
            }
        }
        return out.toByteArray();
    }

    /** The query string's parameters, then the body's, as {@code application/x-www-form-urlencoded} decodes them. */
    static Map<String, String[]> parse(String query, String body, Charset charset) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (String part : new String[] {query, body}) {
            if (part == null || part.isEmpty()) {
                continue;
            }
            for (String pair : part.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), charset);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), charset);
                all.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        Map<String, String[]> parameters = new LinkedHashMap<>();
        all.forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
        return Collections.unmodifiableMap(parameters);
    }

    /** The request with its form already read: parameters from it, the body replayed to a later reader. */
    private static final class ReadForm extends HttpServletRequestWrapper {
        private final Map<String, String[]> parameters;

        ReadForm(HttpServletRequest request, byte[] body, Map<String, String[]> parameters) {
            super(new BufferedBodyRequest(request, body));
            this.parameters = parameters;
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values.clone();
        }
    }
}
