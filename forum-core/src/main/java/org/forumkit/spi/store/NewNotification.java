package org.forumkit.spi.store;

import java.time.Instant;
import java.util.Objects;
import org.forumkit.model.Author;
import org.forumkit.model.NotificationKind;
import org.forumkit.model.PostId;
import org.forumkit.model.TopicId;
import org.forumkit.model.UserId;

/**
 * A notification to write. With a {@code foldKey}, it folds into the recipient's unread notification with the same
 * key when there is one (count plus one, unless it counts on and so counts the post when read; latest actor and
 * time; first floor kept) instead of adding a row.
 *
 * @param foldKey at most 64 characters, or {@code null} for a notification of its own
 */
public record NewNotification(UserId recipient, NotificationKind kind, TopicId topicId, PostId postId, int floor,
        Author actor, String detail, String foldKey, Instant at) {

    public static final int MAX_DETAIL = 64;

    public NewNotification {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        if (floor < 0) {
            throw new IllegalArgumentException("floor must be >= 0, was " + floor);
        }
        if (detail != null && detail.length() > MAX_DETAIL) {
            throw new IllegalArgumentException("detail longer than " + MAX_DETAIL + " characters");
        }
        if (foldKey != null && (foldKey.isEmpty() || foldKey.length() > 64)) {
            throw new IllegalArgumentException("foldKey must be 1 to 64 characters");
        }
    }
}
