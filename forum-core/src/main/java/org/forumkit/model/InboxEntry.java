package org.forumkit.model;

import java.util.Objects;

/**
 * A notification as its recipient reads it, with the topic's current title (empty when it is about no topic);
 * {@code org.forumkit.Notifications#text} words it in a language.
 */
public record InboxEntry(Notification notification, String topicTitle) {
    public InboxEntry {
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(topicTitle, "topicTitle");
    }
}
