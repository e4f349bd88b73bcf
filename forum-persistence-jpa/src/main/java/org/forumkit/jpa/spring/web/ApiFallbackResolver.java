package org.forumkit.jpa.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Errors of API requests that reached no API controller (an unknown path under the base path, a method the path
 * does not take): answered as the API's JSON before any advice of the host (Problem Details, say) or Spring Boot's
 * error page could. Errors of the API's controllers are {@link ForumkitApiExceptionHandler}'s.
 */
final class ApiFallbackResolver implements HandlerExceptionResolver, Ordered {
    private static final Logger LOG = LoggerFactory.getLogger(ApiFallbackResolver.class);

    private final ApiPath path;
    private final ApiJson json;
    private final ApiErrors errors;

    ApiFallbackResolver(ApiPath path, ApiJson json, ApiErrors errors) {
        this.path = path;
        this.json = json;
        this.errors = errors;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10; // after Spring Boot's DefaultErrorAttributes, which only records it
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception e) {
        if (!path.matches(request) || (handler instanceof HandlerMethod method
                && (method.getBeanType() == ForumkitApiController.class
                || method.getBeanType() == ForumkitCommentsController.class
                || method.getBeanType() == ForumkitNotificationsController.class))) {
            return null;
        }
        Locale locale = errors.locale(request);
        try {
            if (e instanceof NoHandlerFoundException || e instanceof NoResourceFoundException) {
                json.write(response, 404, "NOT_FOUND",
                        ApiMessage.NO_ENDPOINT.format(locale, request.getMethod(), ApiPath.of(request)));
            } else if (e instanceof HttpRequestMethodNotSupportedException unsupported) {
                Set<String> allowed = unsupported.getSupportedHttpMethods() == null ? Set.of()
                        : unsupported.getSupportedHttpMethods().stream().map(Object::toString)
                                .collect(Collectors.toCollection(java.util.TreeSet::new));
                response.setHeader(HttpHeaders.ALLOW, String.join(", ", allowed));
                json.write(response, 405, "METHOD_NOT_ALLOWED",
                        ApiMessage.METHOD.format(locale, request.getMethod(), String.join(", ", allowed)));
            } else if (e instanceof ErrorResponse error) {
                int status = error.getStatusCode().value();
                json.write(response, status, ApiErrors.code(status),
                        status >= 500 ? ApiMessage.INTERNAL.format(locale)
                                : ApiMessage.FAILED.format(locale, String.valueOf(status)));
            } else {
                LOG.error("The forum's API failed on {} {}", request.getMethod(), ApiPath.of(request), e);
                json.write(response, 500, "INTERNAL", ApiMessage.INTERNAL.format(locale));
            }
        } catch (IOException io) {
            LOG.debug("Could not send the API's error", io);
        }
        return new ModelAndView();
    }
}
