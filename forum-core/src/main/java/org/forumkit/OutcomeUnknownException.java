package org.forumkit;

/**
 * The connection to the database was lost while the write was being committed: it may or may not have been stored,
 * whole or not at all. The store does not run it again, and neither should the caller blindly: a reply sent again
 * could be stored twice. Read first (the topic's last page, the post's vote) and repeat only what is missing.
 */
public class OutcomeUnknownException extends ForumException {
    private static final long serialVersionUID = 1L;

    public OutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
