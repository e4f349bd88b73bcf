package org.forumkit;

/**
 * The target is in a state the command does not apply to (a report resolved already, a deleted post to approve, a
 * unique key taken); running the same command again fails the same way.
 */
public class StateConflictException extends ConflictException {
    private static final long serialVersionUID = 1L;

    public StateConflictException(String message) {
        super(message);
    }

    public StateConflictException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }
}
