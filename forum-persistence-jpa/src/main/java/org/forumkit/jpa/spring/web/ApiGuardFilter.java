package org.forumkit.jpa.spring.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API's outermost guard, before Spring Security: bodies over {@code forumkit.api.max-body-size} are refused with
 * 413 before anything reads them (by their Content-Length, or by counting a chunked body); a body is read whole
 * here, and one that has not arrived within {@code forumkit.api.body-read-timeout} of the request (a client
 * sending a byte a second) is refused with 408 and the connection closed, so a slow client holds a worker for a
 * bounded time; and every error on the
 * way (a container's or a library's {@code sendError}, an uncaught exception) leaves as the API's JSON, never as a
 * stack trace, an HTML error page or Spring Boot's own error JSON.
 */
final class ApiGuardFilter extends OncePerRequestFilter {
    private static final Logger LOG = LoggerFactory.getLogger(ApiGuardFilter.class);

    private final ApiPath path;
    private final long maxBody;
    private final ApiJson json;
    private final ApiErrors errors;
    private final long readNanos;

    ApiGuardFilter(ApiPath path, long maxBody, java.time.Duration readTimeout, ApiJson json, ApiErrors errors) {
        this.path = path;
        this.maxBody = maxBody;
        this.readNanos = readTimeout.toNanos();
        this.json = json;
        this.errors = errors;
    }

    long maxBody() {
        return maxBody;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !path.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Locale locale = errors.locale(request);
        long length = request.getContentLengthLong();
        if (length > maxBody) {
            tooLarge(response, locale);
            return;
        }
        HttpServletRequest checked = request;
        if (length > 0 || (length < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null)) {
            if (isForm(request.getContentType())) {
                // Tomcat would parse it for Spring (past the body deadline), and no endpoint takes a form
                json.write(response, 400, "BAD_REQUEST", ApiMessage.NOT_JSON.format(locale));
                return;
            }
            byte[] body;
            try {
                body = readBody(request);
            } catch (java.net.SocketTimeoutException | BodyTimeout e) {
                response.setHeader(HttpHeaders.CONNECTION, "close");
                json.write(response, 408, "REQUEST_TIMEOUT", ApiMessage.BODY_TIMEOUT.format(locale));
                return;
            }
            if (body.length > maxBody) {
                tooLarge(response, locale);
                return;
            }
            checked = new BufferedBodyRequest(request, body);
        }
        try {
            checked.getParameterMap();
        } catch (IllegalStateException e) {
            // Tomcat's InvalidParameterException: a query of bytes that are not UTF-8, say; found by the API's fuzz pass
            json.write(response, 400, "BAD_REQUEST", ApiMessage.QUERY.format(locale));
            return;
        }
        JsonErrors guarded = new JsonErrors(request, response, locale);
        try {
            chain.doFilter(checked, guarded);
        } catch (IOException | ServletException | RuntimeException e) {
            LOG.error("The forum's API failed on {} {}", request.getMethod(), ApiPath.of(request), e);
            if (!response.isCommitted()) {
                json.write(response, 500, "INTERNAL", ApiMessage.INTERNAL.format(locale));
            }
        }
    }

    private static boolean isForm(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).strip();
        return type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/");
    }

    /** At most {@code maxBody + 1} bytes, within the read deadline counted from now. */
    private byte[] readBody(HttpServletRequest request) throws IOException {
        long deadline = System.nanoTime() + readNanos;
        int limit = (int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream((int) Math.min(limit, 8192));
        byte[] buffer = new byte[8192];
        ServletInputStream in = request.getInputStream();
        while (out.size() < limit) {
            int n = in.read(buffer, 0, Math.min(buffer.length, limit - out.size()));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            if (System.nanoTime() - deadline > 0) {
                throw new BodyTimeout();
            }
        }
        return out.toByteArray();
    }

    /** The body did not arrive within the deadline. */
    private static final class BodyTimeout extends IOException {
        private static final long serialVersionUID = 1L;
    }

    private void tooLarge(HttpServletResponse response, Locale locale) throws IOException {
        response.setHeader(HttpHeaders.CONNECTION, "close");
        json.write(response, 413, "PAYLOAD_TOO_LARGE", ApiMessage.TOO_LARGE.format(locale, String.valueOf(maxBody)));
    }

    /** Turns {@code sendError} into the API's JSON. */
    private final class JsonErrors extends HttpServletResponseWrapper {
        private final HttpServletRequest request;
        private final Locale locale;

        JsonErrors(HttpServletRequest request, HttpServletResponse response, Locale locale) {
            super(response);
            this.request = request;
            this.locale = locale;
        }

        @Override
        public void sendError(int status) throws IOException {
            sendError(status, null);
        }

        @Override
        public void sendError(int status, String ignored) throws IOException {
            HttpServletResponse response = (HttpServletResponse) getResponse();
            String message = switch (status) {
                case 401 -> ApiMessage.LOGIN_REQUIRED.format(locale);
                case 403 -> ApiMessage.NOT_ALLOWED.format(locale);
                case 404 -> ApiMessage.NO_ENDPOINT.format(locale, request.getMethod(), ApiPath.of(request));
                case 405 -> ApiMessage.METHOD.format(locale, request.getMethod(),
                        String.valueOf(response.getHeader(HttpHeaders.ALLOW)));
                case 413 -> ApiMessage.TOO_LARGE.format(locale, String.valueOf(maxBody));
                default -> status >= 500 ? ApiMessage.INTERNAL.format(locale)
                        : ApiMessage.FAILED.format(locale, String.valueOf(status));
            };
            json.write(response, status, ApiErrors.code(status), message);
        }
    }
}
