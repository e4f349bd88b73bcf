package org.forumkit;

/**
 * The store could not reach its database: no pooled connection in time, the server down or restarting, or the
 * connection lost (past the store's own retries, or in a transaction the host began). Nothing was stored; running
 * the command again once the database answers may succeed.
 */
public class StoreUnavailableException extends ConcurrentUpdateException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
