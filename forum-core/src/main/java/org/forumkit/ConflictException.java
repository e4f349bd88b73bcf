package org.forumkit;

/**
 * The command collided with something: catch {@link ConcurrentUpdateException} to run it again (another write won
 * a race), while a {@link StateConflictException} fails the same way however often it is retried.
 */
public abstract class ConflictException extends ForumException {
    private static final long serialVersionUID = 1L;

    protected ConflictException(String message) {
        super(message);
    }

    protected ConflictException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether running the same command again may succeed: true only for a {@link ConcurrentUpdateException}. */
    public abstract boolean isRetryable();
}
