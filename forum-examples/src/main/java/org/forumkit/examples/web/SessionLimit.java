package org.forumkit.examples.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.catalina.session.TooManyActiveSessionsException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a sign-in refused because Tomcat's session store is full ({@code forumkit.demo.max-sessions}, see
 * {@link ServerLimits}) with a 503 page that says so, with {@code Retry-After}, instead of a 500: whoever is signed
 * in stays signed in, nobody new gets a session until one ends (signs out or times out).
 */
final class SessionLimit extends OncePerRequestFilter {
    static final int RETRY_AFTER_SECONDS = 60;

    private final Pages pages;

    SessionLimit(Pages pages) {
        this.pages = pages;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!full(e) || response.isCommitted()) {
                throw e;
            }
            response.resetBuffer();
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
            SiteSecurity.errorPage(request, response, HttpStatus.SERVICE_UNAVAILABLE,
                    pages.text(request, "error.sessionsFull"));
        }
    }

    private static boolean full(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TooManyActiveSessionsException) {
                return true;
            }
        }
        return false;
    }
}
