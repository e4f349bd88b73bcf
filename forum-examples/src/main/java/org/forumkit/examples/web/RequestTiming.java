package org.forumkit.examples.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.forumkit.examples.QueryCounter;
import org.springframework.web.filter.OncePerRequestFilter;

/** Starts the footer's clock and statement count when a request arrives, before security and the controllers. */
final class RequestTiming extends OncePerRequestFilter {
    static final String STARTED = RequestTiming.class.getName() + ".started";
    private final QueryCounter queries;

    RequestTiming(QueryCounter queries) {
        this.queries = queries;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(STARTED, System.nanoTime());
        queries.reset();
        chain.doFilter(request, response);
    }

    static long started(HttpServletRequest request) {
        return request.getAttribute(STARTED) instanceof Long started ? started : System.nanoTime();
    }
}
