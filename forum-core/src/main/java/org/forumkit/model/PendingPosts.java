package org.forumkit.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a board's moderation queue: posts waiting for approval (held by pre-moderation, a censored word or
 * reports), oldest first.
 *
 * @param total how many posts of the board wait in all
 * @param next  the cursor of the next page (the last post of this one), or {@code null} on the last page
 */
public record PendingPosts(BoardId boardId, List<Post> posts, long total, PostId next) {
    public PendingPosts {
        Objects.requireNonNull(boardId, "boardId");
        posts = List.copyOf(Objects.requireNonNull(posts, "posts"));
        if (total < posts.size()) {
            throw new IllegalArgumentException("total " + total + " is less than the " + posts.size() + " posts listed");
        }
    }

    public Optional<PostId> nextCursor() {
        return Optional.ofNullable(next);
    }
}
