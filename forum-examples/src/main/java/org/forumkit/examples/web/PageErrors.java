package org.forumkit.examples.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.forumkit.ConflictException;
import org.forumkit.ForumException;
import org.forumkit.NotFoundException;
import org.forumkit.PermissionDeniedException;
import org.forumkit.RateLimitedException;
import org.forumkit.ValidationException;
import org.forumkit.model.DenialReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * How the pages' failures read: Forumkit's typed exceptions and bad requests become the site's error page with
 * the matching status (401 when signing in would help, 403 with the reason, 400 with the violations, 404, 409,
 * 429 with {@code Retry-After}), in the reader's language; anything unexpected is logged and shown as a plain 500.
 */
@ControllerAdvice(basePackageClasses = PageErrors.class)
final class PageErrors {
    private static final Logger LOG = LoggerFactory.getLogger(PageErrors.class);
    private final Pages pages;

    PageErrors(Pages pages) {
        this.pages = pages;
    }

    @ExceptionHandler
    ModelAndView denied(PermissionDeniedException e, HttpServletRequest request) {
        HttpStatus status = e.reason() == DenialReason.LOGIN_REQUIRED ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN;
        return page(request, status, e.localizedMessage(pages.locale(request)));
    }

    @ExceptionHandler
    ModelAndView invalid(ValidationException e, HttpServletRequest request) {
        return page(request, HttpStatus.BAD_REQUEST, e.localizedMessage(pages.locale(request)));
    }

    @ExceptionHandler({NotFoundException.class, PageNotFoundException.class})
    ModelAndView notFound(RuntimeException e, HttpServletRequest request) {
        return page(request, HttpStatus.NOT_FOUND, null);
    }

    @ExceptionHandler
    ModelAndView tooFast(RateLimitedException e, HttpServletRequest request, HttpServletResponse response) {
        long seconds = Math.max(1, e.retryAfter().toSeconds());
        response.setHeader("Retry-After", String.valueOf(seconds));
        return page(request, HttpStatus.TOO_MANY_REQUESTS, pages.text(request, "error.429", seconds));
    }

    @ExceptionHandler
    ModelAndView conflict(ConflictException e, HttpServletRequest request) {
        return page(request, HttpStatus.CONFLICT, null);
    }

    @ExceptionHandler({ForumException.class, BadRequestException.class, IllegalArgumentException.class,
            MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class})
    ModelAndView badRequest(Exception e, HttpServletRequest request) {
        return page(request, HttpStatus.BAD_REQUEST, null);
    }

    @ExceptionHandler
    ModelAndView method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return page(request, HttpStatus.METHOD_NOT_ALLOWED, null);
    }

    @ExceptionHandler
    ModelAndView mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return page(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, null);
    }

    @ExceptionHandler
    ModelAndView unexpected(Exception e, HttpServletRequest request) {
        LOG.error("unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return page(request, HttpStatus.INTERNAL_SERVER_ERROR, null);
    }

    private ModelAndView page(HttpServletRequest request, HttpStatus status, String message) {
        return ErrorPageController.page(pages, request, status, message);
    }
}
