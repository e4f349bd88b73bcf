package org.forumkit.examples.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses form posts Tomcat would not parse ({@code server.tomcat.max-http-form-post-size}, or a malformed body)
 * before anything reads them: 413 (or 400) on the site's error page. Without it the first reader, Spring
 * Security's CSRF filter, would see no token and the reader a misleading 403.
 */
final class FormLimit extends OncePerRequestFilter {
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.getParameterMap();
        } catch (IllegalStateException e) {
            HttpStatus status = e instanceof InvalidParameterException invalid
                    && invalid.getErrorCode() == HttpStatus.CONTENT_TOO_LARGE.value()
                    ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST;
            SiteSecurity.errorPage(request, response, status, null);
            return;
        }
        chain.doFilter(request, response);
    }
}
