package org.forumkit.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's report of a post, open until a moderator resolves it; a resolved report keeps who resolved it, how and
 * why.
 *
 * @param text         the reporter's words, empty when none were given
 * @param updatedAt    when the reporter last filed it (a repeat replaces reason and text)
 * @param resolution   {@code null} while open
 * @param resolvedBy   {@code null} while open
 * @param resolvedAt   {@code null} while open
 * @param resolutionNote the moderator's reason, {@code null} while open
 */
public record Report(
        ReportId id,
        PostId postId,
        TopicId topicId,
        BoardId boardId,
        Author reporter,
        ReportReason reason,
        String text,
        Instant createdAt,
        Instant updatedAt,
        Resolution resolution,
        Author resolvedBy,
        Instant resolvedAt,
        String resolutionNote) {

    public Report {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(postId, "postId");
        Objects.requireNonNull(topicId, "topicId");
        Objects.requireNonNull(boardId, "boardId");
        Objects.requireNonNull(reporter, "reporter");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        boolean resolved = resolution != null;
        if (resolved != (resolvedBy != null) || resolved != (resolvedAt != null) || resolved != (resolutionNote != null)) {
            throw new IllegalArgumentException("report " + id + ": resolution, resolvedBy, resolvedAt and resolutionNote"
                    + " are all set or all null");
        }
    }

    public boolean isOpen() {
        return resolution == null;
    }

    public Optional<Resolution> optionalResolution() {
        return Optional.ofNullable(resolution);
    }

    public Optional<Author> optionalResolvedBy() {
        return Optional.ofNullable(resolvedBy);
    }

    public Optional<Instant> optionalResolvedAt() {
        return Optional.ofNullable(resolvedAt);
    }

    public Optional<String> optionalResolutionNote() {
        return Optional.ofNullable(resolutionNote);
    }
}
