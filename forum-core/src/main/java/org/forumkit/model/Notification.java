package org.forumkit.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a user's inbox: ids and small display values only, never a post's text; the words are rendered
 * when it is read, in the reader's language. Unread replies to one topic fold into one entry: {@code count} says
 * how many, {@code floor} is the first unread one.
 *
 * @param topicId the topic it is about, or {@code null} (host kinds)
 * @param postId  the (first) post it is about, or {@code null}
 * @param floor   that post's floor, 0 when none
 * @param actor   who caused it (the latest one of a folded entry), or {@code null}
 * @param detail  a short code such as the vote kind or the moderator's action, or {@code null}
 */
public record Notification(
        NotificationId id,
        UserId recipient,
        NotificationKind kind,
        TopicId topicId,
        PostId postId,
        int floor,
        Author actor,
        String detail,
        int count,
        boolean read,
        Instant createdAt,
        Instant updatedAt) {

    public Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (floor < 0 || count < 1) {
            throw new IllegalArgumentException("floor must be >= 0 and count >= 1, were " + floor + " and " + count);
        }
    }

    public Optional<Author> optionalActor() {
        return Optional.ofNullable(actor);
    }

    public Optional<String> optionalDetail() {
        return Optional.ofNullable(detail);
    }

    public Optional<TopicId> optionalTopicId() {
        return Optional.ofNullable(topicId);
    }

    public Optional<PostId> optionalPostId() {
        return Optional.ofNullable(postId);
    }
}
