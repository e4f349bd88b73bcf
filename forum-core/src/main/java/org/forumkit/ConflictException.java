package org.forumkit;

/**
 * The write collided with another one: a unique key already taken, or a transaction that still failed on a
 * serialization conflict or deadlock after the store's retries. Retrying the command later may succeed.
 */
public class ConflictException extends ForumException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
