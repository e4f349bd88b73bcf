package org.forumkit.model;

/** The store-assigned id of a {@link Notification}; always positive. */
public record NotificationId(long value) implements Comparable<NotificationId> {
    public NotificationId {
        Ids.positive("NotificationId", value);
    }

    public static NotificationId of(long value) {
        return new NotificationId(value);
    }

    @Override
    public int compareTo(NotificationId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
