package org.forumkit.model;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * A topic (thread) of a board. Floors are allocated 1, 2, 3, … by the store; {@code highestFloor} is the last
 * one allocated and {@code replies} counts the visible posts after floor 1.
 *
 * @param type         the topic type shown in brackets before the title, or {@code null}
 * @param externalKey  the host's key of the page this topic is the comment thread of, or {@code null}
 * @param pinLevel     0 when not pinned; higher levels list first
 * @param lastPostAt   time of the newest post (the opening post until someone replies)
 * @param lastPostBy   author of the newest post
 */
public record Topic(
        TopicId id,
        BoardId boardId,
        String title,
        String type,
        Author author,
        Instant createdAt,
        int pinLevel,
        boolean locked,
        String externalKey,
        long views,
        long replies,
        int highestFloor,
        Instant lastPostAt,
        Author lastPostBy) {

    /** Most recent activity first: last post time descending, then id descending. */
    public static final Comparator<Topic> ACTIVITY_ORDER = Comparator
            .comparing(Topic::lastPostAt, Comparator.reverseOrder())
            .thenComparing(Topic::id, Comparator.reverseOrder());

    /**
     * The order of a board's listing, which every store keeps: pin level descending, then {@link #ACTIVITY_ORDER}.
     * A {@link TopicCursor} is a position in it.
     */
    public static final Comparator<Topic> LISTING_ORDER = Comparator
            .comparing(Topic::pinLevel, Comparator.reverseOrder())
            .thenComparing(ACTIVITY_ORDER);

    public Topic {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(boardId, "boardId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastPostAt, "lastPostAt");
        Objects.requireNonNull(lastPostBy, "lastPostBy");
        if (pinLevel < 0 || views < 0 || replies < 0 || highestFloor < 1 || replies >= highestFloor) {
            throw new IllegalArgumentException("inconsistent topic " + id + ": pinLevel=" + pinLevel + ", views=" + views
                    + ", replies=" + replies + ", highestFloor=" + highestFloor);
        }
    }

    public Optional<String> optionalType() {
        return Optional.ofNullable(type);
    }

    public Optional<String> optionalExternalKey() {
        return Optional.ofNullable(externalKey);
    }
}
