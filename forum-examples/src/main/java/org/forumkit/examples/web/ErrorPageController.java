package org.forumkit.examples.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The site's error page for what fails outside a controller (in a filter, in Spring Security, in Tomcat): the
 * servlet container's error dispatch lands here instead of Boot's whitelabel page, and the reader gets the
 * status and a message in their language, never a stack trace.
 */
@Controller
final class ErrorPageController implements ErrorController {
    /** A request attribute with the message to show (already in the reader's language). */
    static final String MESSAGE = ErrorPageController.class.getName() + ".message";

    private final Pages pages;

    ErrorPageController(Pages pages) {
        this.pages = pages;
    }

    public record ErrorPage(int status, String message) {
    }

    @RequestMapping("/error")
    ModelAndView error(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response)
            throws java.io.IOException {
        HttpStatus status = status(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE));
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path && ContainerErrors.api(path)) {
            // the container refused an API request after the API's filters (a TRACE, say): the API's JSON still
            response.setStatus(status.value());
            response.setContentType("application/json;charset=UTF-8");
            response.getWriter().write(ContainerErrors.json(status.value(), "zh".equals(pages.locale(request)
                    .getLanguage())));
            return null;
        }
        Object message = request.getAttribute(MESSAGE);
        return page(pages, request, status, message instanceof String text ? text : null);
    }

    /** The error page with {@code status}; {@code message} null for the status's own text. */
    static ModelAndView page(Pages pages, HttpServletRequest request, HttpStatus status, String message) {
        String text = message != null ? message : pages.text(request, "error." + generic(status));
        return pages.render(request, status, "error", pages.text(request, "error.title"),
                new ErrorPage(status.value(), text));
    }

    private static HttpStatus status(Object code) {
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null || !status.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    /** The statuses with a text of their own; any other 4xx reads as 400, any 5xx as 500. */
    private static int generic(HttpStatus status) {
        return switch (status.value()) {
            case 400, 401, 403, 404, 405, 408, 409, 413, 415, 429 -> status.value();
            default -> status.is4xxClientError() ? 400 : 500;
        };
    }
}
