package org.forumkit.model;

import java.util.Objects;

/**
 * The host's own id of a signed-in user, stored as given (at most 128 characters, not blank, no NUL or lone
 * surrogate, which a database cannot store as sent).
 */
public record UserId(String value) implements Comparable<UserId> {
    public static final int MAX_LENGTH = 128;

    public UserId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("UserId must be 1.." + MAX_LENGTH + " non-blank characters, was '" + value + "'");
        }
        if (!storable(value)) {
            throw new IllegalArgumentException("UserId must not hold NUL or a lone surrogate, was '" + value + "'");
        }
    }

    // Stored as given, so it is refused rather than repaired: a changed id would name another user.
    private static boolean storable(String value) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (cp == 0 || Character.getType(cp) == Character.SURROGATE) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    public static UserId of(String value) {
        return new UserId(value);
    }

    @Override
    public int compareTo(UserId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
