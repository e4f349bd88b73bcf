package org.forumkit;

/**
 * The write lost a race with another one: a serialization failure or deadlock that the store's own retries did not
 * get past, a statement cancelled by the database's time limit, or a transaction that joined the host's and so could
 * not be run again by the store; its subclass {@link StoreUnavailableException} says the database could not be
 * reached. Nothing was stored; running the command again may succeed. (A connection lost while committing, when the
 * write may have been stored, is an {@link OutcomeUnknownException} instead.)
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
