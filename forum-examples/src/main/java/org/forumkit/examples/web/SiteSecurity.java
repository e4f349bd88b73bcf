package org.forumkit.examples.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.forumkit.jpa.spring.web.ForumkitApiConfigurer;
import org.forumkit.jpa.spring.web.ForumkitApiSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;

/**
 * The site's Spring Security: sign-in by choosing a demo user ({@code POST /login}, form field {@code user},
 * {@link DemoUsers}), sign-out ({@code POST /logout}), sessions in Tomcat for signed-in visitors only (cookie
 * {@code FORUMKIT_SESSION}, HttpOnly, SameSite=Lax; a fresh id on sign-in) and CSRF tokens (cookie
 * {@code FORUMKIT_CSRF}; the form field {@code csrf} or the header {@code X-CSRF-TOKEN}) on every state-changing
 * request. Every page is open to everyone: what a viewer may do is
 * Forumkit's decision, from the viewer the shipped resolver makes of the authentication. The forum's JSON API
 * ({@code /api/…}, the JPA adapter's) joins this chain through its {@link ForumkitApiConfigurer}: same session, same
 * CSRF token (the widget sends it as {@code X-CSRF-TOKEN}), JSON errors on its paths.
 */
@Configuration(proxyBeanMethods = false)
class SiteSecurity {
    /** The pages' content security policy: nothing runs or loads from elsewhere, no inline script. */
    static final String CSP = "default-src 'self'; img-src 'self' https: data:; style-src 'self' 'unsafe-inline'; "
            + "script-src 'self'; frame-ancestors 'self'; form-action 'self'";

    /** The cookie that carries the CSRF token (HttpOnly, SameSite=Lax; the widget reads it from /api/session). */
    static final String CSRF_COOKIE = "FORUMKIT_CSRF";

    @Bean
    SecurityFilterChain site(HttpSecurity http, DemoUsers users, Pages pages, ForumkitApiSecurity api)
            throws Exception {
        DefaultRedirectStrategy seeOther = new DefaultRedirectStrategy();
        seeOther.setStatusCode(HttpStatus.SEE_OTHER);
        // The token in a cookie of its own, not in the session: an anonymous visitor's pages carry forms (sign-in,
        // votes) and would otherwise each create a session (forum-examples/README.md, "Limits").
        CookieCsrfTokenRepository tokens = new CookieCsrfTokenRepository();
        tokens.setCookieName(CSRF_COOKIE);
        tokens.setParameterName("csrf");
        tokens.setHeaderName("X-CSRF-TOKEN");
        tokens.setCookieCustomizer(cookie -> cookie.httpOnly(true).sameSite("Lax").path("/"));
        AccessDeniedHandler denied = (request, response, e) -> errorPage(request, response, HttpStatus.FORBIDDEN,
                pages.text(request, e instanceof CsrfException ? "error.csrf" : "error.403"));
        http.authenticationProvider(users)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .formLogin(login -> login.loginPage("/login").loginProcessingUrl("/login").usernameParameter("user")
                        .successHandler((request, response, authentication) -> seeOther.sendRedirect(request, response,
                                LocalRedirects.target(request.getParameter("next"))))
                        .failureHandler((request, response, e) -> errorPage(request, response, HttpStatus.BAD_REQUEST,
                                pages.text(request, "error.unknownUser"))))
                .logout(logout -> logout.logoutUrl("/logout")
                        .logoutSuccessHandler((request, response, authentication) ->
                                seeOther.sendRedirect(request, response, "/")))
                .csrf(csrf -> csrf.csrfTokenRepository(tokens))
                .exceptionHandling(errors -> errors.defaultAccessDeniedHandlerFor(denied,
                        new NegatedRequestMatcher(api.requestMatcher())))
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .frameOptions(frames -> frames.sameOrigin())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                // the forum's JSON API: its 401/403 as JSON (a stale CSRF token says so), never a redirect
                .with(new ForumkitApiConfigurer(), configurer -> { });
        return http.build();
    }

    /** Hands the response to the site's error page ({@link ErrorPageController}) with this status and message. */
    static void errorPage(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String message)
            throws IOException {
        request.setAttribute(ErrorPageController.MESSAGE, message);
        response.sendError(status.value());
    }
}
