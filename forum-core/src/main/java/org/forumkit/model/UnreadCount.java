package org.forumkit.model;

/**
 * How many unread notifications a user has, counted up to a cap so a huge inbox stays cheap to count.
 *
 * @param capped whether there are more than {@code count}
 */
public record UnreadCount(long count, boolean capped) {
    public UnreadCount {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
    }

    /** The badge text: {@code 7}, or {@code 99+} when capped at 99. */
    public String display() {
        return capped ? count + "+" : Long.toString(count);
    }
}
