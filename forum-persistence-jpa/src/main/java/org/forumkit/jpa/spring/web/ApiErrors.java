package org.forumkit.jpa.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.servlet.LocaleResolver;

/** What the API's errors are called and in which language they are said, also outside Spring MVC. */
final class ApiErrors {
    private final ObjectProvider<LocaleResolver> locales;

    ApiErrors(ObjectProvider<LocaleResolver> locales) {
        this.locales = locales;
    }

    /** The documented error code of a status the API answers without the forum's say. */
    static String code(int status) {
        return switch (status) {
            case 401 -> "LOGIN_REQUIRED";
            case 403 -> "NOT_ALLOWED";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 408 -> "REQUEST_TIMEOUT";
            case 409 -> "CONFLICT";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 429 -> "RATE_LIMITED";
            default -> status >= 500 ? "INTERNAL" : "BAD_REQUEST";
        };
    }

    /** The request's locale as the host's {@link LocaleResolver} sees it (a language cookie, say), else the browser's. */
    Locale locale(HttpServletRequest request) {
        LocaleResolver resolver = locales.getIfAvailable();
        if (resolver != null) {
            try {
                return resolver.resolveLocale(request);
            } catch (RuntimeException e) {
                // e.g. a resolver that needs Spring MVC's request attributes: the browser's language then
            }
        }
        return request.getLocale();
    }
}
