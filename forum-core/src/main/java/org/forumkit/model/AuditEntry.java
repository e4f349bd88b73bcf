package org.forumkit.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the append-only audit log: who did what to which target, when, and what changed. Never edited.
 *
 * @param boardId  the board acted in, or {@code null} for a forum-wide action
 * @param topicId  the topic acted on, or {@code null}
 * @param postId   the post acted on, or {@code null}
 * @param subject  the user the action concerns (a post's author), or {@code null}
 * @param before   the value before (a post state, a pin level, settings), or {@code null}
 * @param after    the value after, or {@code null}
 * @param reason   the actor's reason, or {@code null}
 */
public record AuditEntry(
        AuditId id,
        BoardId boardId,
        Author actor,
        AuditAction action,
        TopicId topicId,
        PostId postId,
        UserId subject,
        String before,
        String after,
        String reason,
        Instant at) {

    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(at, "at");
    }

    public Optional<BoardId> optionalBoardId() {
        return Optional.ofNullable(boardId);
    }

    public Optional<TopicId> optionalTopicId() {
        return Optional.ofNullable(topicId);
    }

    public Optional<PostId> optionalPostId() {
        return Optional.ofNullable(postId);
    }

    public Optional<UserId> optionalSubject() {
        return Optional.ofNullable(subject);
    }

    public Optional<String> optionalBefore() {
        return Optional.ofNullable(before);
    }

    public Optional<String> optionalAfter() {
        return Optional.ofNullable(after);
    }

    public Optional<String> optionalReason() {
        return Optional.ofNullable(reason);
    }
}
