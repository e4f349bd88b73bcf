package org.forumkit.jpa.spring.web;

import java.util.List;
import java.util.Locale;
import org.forumkit.ConflictException;
import org.forumkit.ForumException;
import org.forumkit.NotFoundException;
import org.forumkit.OutcomeUnknownException;
import org.forumkit.PermissionDeniedException;
import org.forumkit.RateLimitedException;
import org.forumkit.StoreUnavailableException;
import org.forumkit.ValidationException;
import org.forumkit.jpa.spring.web.ApiJson.ViolationBody;
import org.forumkit.model.DenialReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The API's errors as documented JSON ({@code {"error", "message", "violations"?}}), for the API's controllers only:
 * the host's own controllers keep the host's error handling, and the host's advice never answers for the API.
 * Messages follow the request's locale (the host's {@code LocaleResolver}).
 */
@RestControllerAdvice(assignableTypes = {ForumkitApiController.class, ForumkitCommentsController.class,
        ForumkitNotificationsController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class ForumkitApiExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ForumkitApiExceptionHandler.class);

    private final ApiJson json;

    ForumkitApiExceptionHandler(ApiJson json) {
        this.json = json;
    }

    @ExceptionHandler
    ResponseEntity<byte[]> problem(ApiProblem e, Locale locale) {
        return json.error(e.status(), e.code(), e.message(locale), null, null);
    }

    @ExceptionHandler
    ResponseEntity<byte[]> validation(ValidationException e, Locale locale) {
        List<ViolationBody> violations = e.violations().stream()
                .map(v -> new ViolationBody(v.field(), v.code(), v.message(locale))).toList();
        return json.error(400, "VALIDATION", e.localizedMessage(locale), violations, null);
    }

    @ExceptionHandler
    ResponseEntity<byte[]> denied(PermissionDeniedException e, Locale locale) {
        return json.error(e.reason() == DenialReason.LOGIN_REQUIRED ? 401 : 403, e.reason().name(),
                e.localizedMessage(locale), null, null);
    }

    @ExceptionHandler
    ResponseEntity<byte[]> notFound(NotFoundException e) {
        return json.error(404, "NOT_FOUND", e.getMessage(), null, null);
    }

    @ExceptionHandler
    ResponseEntity<byte[]> rateLimited(RateLimitedException e) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, e.retryAfter().toSeconds())));
        return json.error(429, "RATE_LIMITED", e.getMessage(), null, headers);
    }

    @ExceptionHandler
    ResponseEntity<byte[]> conflict(ConflictException e, Locale locale) {
        if (e instanceof StoreUnavailableException) {
            return unavailable(locale);
        }
        if (e.isRetryable()) {
            return json.error(409, "CONFLICT", ApiMessage.BUSY.format(locale), null, retryAfter());
        }
        return json.error(409, "CONFLICT", e.getMessage(), null, null);
    }

    /** A commit whose answer was lost: no Retry-After, since sending a reply again could store it twice. */
    @ExceptionHandler
    ResponseEntity<byte[]> outcomeUnknown(OutcomeUnknownException e, Locale locale) {
        LOG.warn("The forum's API lost the database connection while committing: {}", e.getMessage());
        return json.error(503, "OUTCOME_UNKNOWN", ApiMessage.OUTCOME_UNKNOWN.format(locale), null, null);
    }

    private ResponseEntity<byte[]> unavailable(Locale locale) {
        return json.error(503, "UNAVAILABLE", ApiMessage.UNAVAILABLE.format(locale), null, retryAfter());
    }

    private static HttpHeaders retryAfter() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "1");
        return headers;
    }

    @ExceptionHandler({ForumException.class, IllegalArgumentException.class})
    ResponseEntity<byte[]> badRequest(RuntimeException e) {
        return json.error(400, "BAD_REQUEST", e.getMessage(), null, null);
    }

    /** Anything else Spring MVC refuses (a missing parameter, an unreadable body): a 400, said in general terms. */
    @ExceptionHandler({jakarta.servlet.ServletException.class, org.springframework.web.ErrorResponseException.class})
    ResponseEntity<byte[]> mvc(Exception e, Locale locale) {
        int status = e instanceof org.springframework.web.ErrorResponse response ? response.getStatusCode().value() : 400;
        return json.error(status, ApiErrors.code(status), ApiMessage.FAILED.format(locale, status), null, null);
    }

    /** A Content-Type Spring MVC cannot even parse: the same 400 as any body that is not JSON. */
    @ExceptionHandler(org.springframework.web.HttpMediaTypeNotSupportedException.class)
    ResponseEntity<byte[]> notJson(Exception e, Locale locale) {
        return json.error(400, "BAD_REQUEST", ApiMessage.NOT_JSON.format(locale), null, null);
    }

    @ExceptionHandler(org.springframework.http.converter.HttpMessageNotReadableException.class)
    ResponseEntity<byte[]> unreadable(Exception e, Locale locale) {
        return json.error(400, "BAD_REQUEST", ApiMessage.MALFORMED.format(locale), null, null);
    }

    /** A bug or an outage: logged here with its stack trace, never sent to the client. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception e, Locale locale) {
        if (databaseUnreachable(e)) {
            // e.g. a lost connection outside the forum's store (the host's transaction manager): typed, retryable
            LOG.warn("The forum's API could not reach the database: {}", e.toString());
            return unavailable(locale);
        }
        LOG.error("The forum's API failed", e);
        return json.error(500, "INTERNAL", ApiMessage.INTERNAL.format(locale), null, null);
    }

    /** A connection failure (SQLSTATE class 08, PostgreSQL 57P01–57P03) or no pooled connection, anywhere in the chain. */
    private static boolean databaseUnreachable(Throwable failure) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable e = failure; e != null && seen.add(e); e = e.getCause()) {
            if (e instanceof java.sql.SQLTransientConnectionException
                    || e instanceof java.sql.SQLNonTransientConnectionException
                    || e instanceof java.sql.SQLException sql && sql.getSQLState() != null
                            && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
