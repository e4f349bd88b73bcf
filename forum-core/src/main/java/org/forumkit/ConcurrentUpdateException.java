package org.forumkit;

/**
 * The write lost a race with another one: a serialization failure or deadlock that the store's own retries did not
 * get past, a connection to the database lost (past the retries, in a transaction the store did not begin, or while
 * committing, when the write may have been stored), or a transaction that joined the host's and so could not be run
 * again by the store. Running the command again may succeed.
 */
public class ConcurrentUpdateException extends ConflictException {
    private static final long serialVersionUID = 1L;

    public ConcurrentUpdateException(String message) {
        super(message);
    }

    public ConcurrentUpdateException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
