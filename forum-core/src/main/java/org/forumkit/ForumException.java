package org.forumkit;

/** The root of every exception Forumkit throws; unchecked. */
public class ForumException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ForumException(String message) {
        super(message);
    }

    public ForumException(String message, Throwable cause) {
        super(message, cause);
    }
}
