package org.forumkit.jpa.spring.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code forumkit.api.rate-limit.*}: each client address's requests to the API go through its token bucket, first of
 * all the API's filters; past it a 429 {@code RATE_LIMITED} with {@code Retry-After} in whole seconds. The address is
 * {@link HttpServletRequest#getRemoteAddr()}: the connection's, or what a trusted proxy forwarded when the host set
 * {@code server.forward-headers-strategy} (Tomcat's RemoteIpValve or Spring's ForwardedHeaderFilter rewrite it); an
 * {@code X-Forwarded-For} header is never read here, so a client cannot choose its own bucket.
 */
final class ApiRateLimitFilter extends OncePerRequestFilter {
    private final ApiPath path;
    private final ApiRateLimiter limiter;
    private final ApiJson json;
    private final ApiErrors errors;

    ApiRateLimitFilter(ApiPath path, ApiRateLimiter limiter, ApiJson json, ApiErrors errors) {
        this.path = path;
        this.limiter = limiter;
        this.json = json;
        this.errors = errors;
    }

    ApiRateLimiter limiter() {
        return limiter;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !path.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long wait = limiter.acquire(request.getRemoteAddr());
        if (wait == 0) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + TimeUnit.SECONDS.toNanos(1) - 1));
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        json.write(response, 429, "RATE_LIMITED", ApiMessage.RATE_LIMITED.format(errors.locale(request),
                String.valueOf(seconds)));
    }
}
