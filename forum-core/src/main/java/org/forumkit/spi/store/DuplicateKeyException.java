package org.forumkit.spi.store;

import org.forumkit.StateConflictException;

/**
 * A store refused a write because a unique key is taken; {@link #key()} names it, e.g. {@code board.slug}. The
 * same write fails again, so it is a state conflict; the forum turns the keys a user chooses into validation errors.
 */
public class DuplicateKeyException extends StateConflictException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public DuplicateKeyException(String key, String message) {
        super(message);
        this.key = key;
    }

    public DuplicateKeyException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
