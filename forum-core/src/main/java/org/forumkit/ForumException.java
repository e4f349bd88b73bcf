package org.forumkit;

/**
 * The root of every exception Forumkit throws; unchecked. Only its subclasses are thrown, each saying what went
 * wrong: {@link NotFoundException}, {@link PermissionDeniedException}, {@link ValidationException},
 * {@link ConflictException} (with {@link StoreUnavailableException} when the database cannot be reached),
 * {@link RateLimitedException} and {@link OutcomeUnknownException} (a commit whose answer was lost).
 */
public abstract class ForumException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected ForumException(String message) {
        super(message);
    }

    protected ForumException(String message, Throwable cause) {
        super(message, cause);
    }
}
