package org.forumkit.examples.web;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * What Tomcat answers itself, for a request it refuses before the application sees it (a head over
 * {@code server.max-http-request-header-size}, {@code %00} or an encoded slash in the path, bytes that are not
 * ASCII in the request line): the API's documented JSON error for API paths, a short page for the rest, in place
 * of Tomcat's HTML report. Installed on the host by {@link ServerLimits}; found missing by the API's fuzz pass.
 */
public final class ContainerErrors extends ErrorReportValve {

    /** The API's error JSON for this status, for refusals made outside the API's own handlers. */
    static String json(int status, boolean chinese) {
        String code = switch (status) {
            case 401 -> "LOGIN_REQUIRED";
            case 403 -> "NOT_ALLOWED";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 408 -> "REQUEST_TIMEOUT";
            case 413 -> "PAYLOAD_TOO_LARGE";
            default -> status >= 500 ? "INTERNAL" : "BAD_REQUEST";
        };
        String message = chinese ? "请求无法处理（" + status + "）" : "the request could not be handled (" + status + ")";
        return "{\"error\":\"" + code + "\",\"message\":\"" + message + "\"}";
    }

    static boolean api(String path) {
        String lower = path == null ? "" : path.toLowerCase(java.util.Locale.ROOT);
        return lower.equals("/api") || lower.startsWith("/api/") || lower.startsWith("/api?")
                || lower.startsWith("/api%2f");
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String path = request.getCoyoteRequest().requestURI().toString();
        String language = request.getCoyoteRequest().getHeader("Accept-Language");
        boolean chinese = language == null || !language.strip().toLowerCase(java.util.Locale.ROOT).startsWith("en");
        try {
            String body;
            if (api(path)) {
                response.setContentType("application/json;charset=UTF-8");
                body = json(status, chinese);
            } else {
                response.setContentType("text/html;charset=UTF-8");
                body = "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + status + "</title></head><body><p>"
                        + (chinese ? "请求无法处理（" : "The request could not be handled (") + status
                        + (chinese ? "）。" : ").") + "</p><p><a href=\"/\">Forumkit</a></p></body></html>";
            }
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone, or the response cannot take a body: the status alone goes out
        }
    }
}
