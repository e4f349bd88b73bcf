package org.forumkit.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a board's topic listing, pinned topics first, then by newest activity.
 *
 * @param next the cursor of the next page, or {@code null} on the last page
 */
public record BoardPage(Board board, List<Topic> topics, ViewerPermissions permissions, TopicCursor next) {
    public BoardPage {
        Objects.requireNonNull(board, "board");
        topics = List.copyOf(Objects.requireNonNull(topics, "topics"));
        Objects.requireNonNull(permissions, "permissions");
    }

    public Optional<TopicCursor> nextCursor() {
        return Optional.ofNullable(next);
    }
}
