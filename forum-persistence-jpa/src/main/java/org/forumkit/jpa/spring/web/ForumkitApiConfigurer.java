package org.forumkit.jpa.spring.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.filter.CorsFilter;

/**
 * Fits the forum's API into the host's Spring Security filter chain: {@code http.with(new ForumkitApiConfigurer(),
 * c -> {})}. For the API's paths it answers Spring Security's 401 and 403 as the API's JSON (never a redirect to a
 * sign-in page; a missing or stale CSRF token → 403 {@code {"error": "CSRF"}}) and applies CORS from
 * {@code forumkit.api.cors.allowed-origins} and {@code …allowed-origin-patterns}. CSRF stays the host's (header
 * {@code X-CSRF-TOKEN} by default); the
 * host permits the API's paths to everyone, since the forum decides each permission itself. With
 * {@code forumkit.api.enabled} off it changes nothing for the API. It also exempts {@code POST} to the unsubscribe
 * page ({@code forumkit.deliveries.unsubscribe-path}) from CSRF, when that page is on.
 */
public final class ForumkitApiConfigurer extends AbstractHttpConfigurer<ForumkitApiConfigurer, HttpSecurity> {
    private static final Logger LOG = LoggerFactory.getLogger(ForumkitApiConfigurer.class);

    private ForumkitApiSecurity api;

    @Override
    public void init(HttpSecurity http) {
        ApplicationContext context = http.getSharedObject(ApplicationContext.class);
        ForumkitUnsubscribeController unsubscribe = context == null ? null
                : context.getBeanProvider(ForumkitUnsubscribeController.class).getIfAvailable();
        CsrfConfigurer<HttpSecurity> csrf = http.getConfigurer(CsrfConfigurer.class);
        if (unsubscribe != null && csrf != null) {
            // the signed token is the credential, and mail clients post one-click unsubscribes without a session
            csrf.ignoringRequestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST,
                    unsubscribe.path()));
        }
        api = context == null ? null : context.getBeanProvider(ForumkitApiSecurity.class).getIfAvailable();
        if (api == null) {
            LOG.info("The forum's API is off (forumkit.api.enabled): ForumkitApiConfigurer leaves the chain alone");
            return;
        }
        // Defaults for the API's paths only. Form login's redirect is registered for browsers asking for HTML, so the
        // widget's JSON requests come here; an explicit entry point or handler of the host still wins.
        http.exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(api, api.requestMatcher())
                .defaultAccessDeniedHandlerFor(api, api.requestMatcher()));
    }

    @Override
    public void configure(HttpSecurity http) {
        if (api != null) {
            http.addFilterBefore(api.corsFilter(), CorsFilter.class);
        }
    }
}
