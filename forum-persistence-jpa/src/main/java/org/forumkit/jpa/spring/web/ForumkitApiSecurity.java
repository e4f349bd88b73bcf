package org.forumkit.jpa.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.CorsFilter;

/**
 * What {@link ForumkitApiConfigurer} adds to the host's security filter chain for the API's paths: Spring Security's
 * 401 and 403 as the API's JSON (a missing or stale CSRF token says so), and CORS from
 * {@code forumkit.api.cors.allowed-origins} and {@code forumkit.api.cors.allowed-origin-patterns}. A bean of the
 * API's auto-configuration.
 */
public final class ForumkitApiSecurity implements AuthenticationEntryPoint, AccessDeniedHandler {
    private final ApiPath path;
    private final RequestMatcher matcher;
    private final ApiJson json;
    private final ApiErrors errors;
    private final CorsConfiguration cors;

    ForumkitApiSecurity(ForumkitApiProperties properties, ApiPath path, ApiJson json, ApiErrors errors) {
        this.path = path;
        this.matcher = PathPatternRequestMatcher.withDefaults().matcher(path.base() + "/**");
        this.json = json;
        this.errors = errors;
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(List.copyOf(properties.getCors().getAllowedOrigins()));
        List<String> patterns = List.copyOf(properties.getCors().getAllowedOriginPatterns());
        for (String pattern : patterns) {
            if (pattern.isBlank() || pattern.strip().equals("*")) {
                throw new IllegalArgumentException("forumkit.api.cors.allowed-origin-patterns must name the origins"
                        + " (e.g. https://*.example.com), not '" + pattern + "': with the visitor's cookies, any site"
                        + " could act as the visitor");
            }
        }
        config.setAllowedOriginPatterns(patterns);
        config.setAllowCredentials(true);
        config.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT"));
        config.setAllowedHeaders(List.of("*"));
        config.setMaxAge(properties.getCors().getMaxAge());
        this.cors = config;
    }

    /** The API's paths, for the host's own rules (e.g. {@code requestMatchers(api.requestMatcher()).permitAll()}). */
    public RequestMatcher requestMatcher() {
        return matcher;
    }

    /**
     * The API's base path within the servlet context, e.g. {@code /api}, or {@code /app/api} under
     * {@code spring.mvc.servlet.path=/app}.
     */
    public String basePath() {
        return path.base();
    }

    CorsConfiguration corsConfiguration() {
        return cors;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        json.write(response, 401, "LOGIN_REQUIRED", ApiMessage.LOGIN_REQUIRED.format(errors.locale(request)));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        if (e instanceof CsrfException) {
            json.write(response, 403, "CSRF", ApiMessage.CSRF.format(errors.locale(request)));
        } else {
            json.write(response, 403, "NOT_ALLOWED", ApiMessage.NOT_ALLOWED.format(errors.locale(request)));
        }
    }

    /** CORS for the API's paths only; a refused origin gets a 403 JSON error. */
    CorsFilter corsFilter() {
        CorsConfigurationSource source = request -> path.matches(request) ? cors : null;
        ApiCorsFilter filter = new ApiCorsFilter(source);
        filter.setCorsProcessor(new DefaultCorsProcessor() {
            @Override
            protected void rejectRequest(org.springframework.http.server.ServerHttpResponse response)
                    throws IOException {
                // Written here, not through the servlet response: the processor holds only this wrapper.
                response.setStatusCode(org.springframework.http.HttpStatus.FORBIDDEN);
                response.getHeaders().setContentType(ApiJson.JSON);
                response.getHeaders().setCacheControl("no-store");
                response.getBody().write(json.bytes(new ApiJson.ErrorBody("CORS",
                        ApiMessage.CORS.format(org.springframework.context.i18n.LocaleContextHolder.getLocale()), null)));
                response.flush();
            }
        });
        return filter;
    }

    /** Its own class, so that it takes its own place in the chain beside the host's {@link CorsFilter}. */
    static final class ApiCorsFilter extends CorsFilter {
        ApiCorsFilter(CorsConfigurationSource source) {
            super(source);
        }
    }
}
