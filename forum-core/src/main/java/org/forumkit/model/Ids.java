package org.forumkit.model;

/** Shared checks for the typed ids. */
final class Ids {
    private Ids() {
    }

    static long positive(String type, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(type + " must be positive, was " + value);
        }
        return value;
    }
}
