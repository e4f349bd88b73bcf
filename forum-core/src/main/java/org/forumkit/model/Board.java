package org.forumkit.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A category, board or sub-board. Boards form a hierarchy through {@code parentId} and are ordered by
 * {@code position} among their siblings.
 *
 * @param topicTypes the allowed topic types, the bracketed prefix before a title (e.g. {@code 新闻媒体}); empty
 *                   when the board has none
 * @param lastPost   the newest post of the board, or {@code null} before the first one
 * @param moderation which new posts wait for approval
 */
public record Board(
        BoardId id,
        BoardId parentId,
        BoardKind kind,
        String slug,
        String name,
        String description,
        int position,
        Set<UserId> moderators,
        List<String> topicTypes,
        AccessPolicy policy,
        long topicCount,
        long postCount,
        LastPost lastPost,
        BoardModeration moderation) {

    public Board {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        moderators = Set.copyOf(Objects.requireNonNull(moderators, "moderators"));
        topicTypes = List.copyOf(Objects.requireNonNull(topicTypes, "topicTypes"));
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(moderation, "moderation");
        if (topicCount < 0 || postCount < 0) {
            throw new IllegalArgumentException("counters must not be negative: topics=" + topicCount + ", posts=" + postCount);
        }
    }

    /** A board without moderation settings ({@link BoardModeration#OFF}). */
    public Board(BoardId id, BoardId parentId, BoardKind kind, String slug, String name, String description, int position,
            Set<UserId> moderators, List<String> topicTypes, AccessPolicy policy, long topicCount, long postCount,
            LastPost lastPost) {
        this(id, parentId, kind, slug, name, description, position, moderators, topicTypes, policy, topicCount,
                postCount, lastPost, BoardModeration.OFF);
    }

    public Optional<BoardId> optionalParentId() {
        return Optional.ofNullable(parentId);
    }

    public Optional<LastPost> optionalLastPost() {
        return Optional.ofNullable(lastPost);
    }

    /**
     * This board as the public may see it: without its moderators' ids and its moderation settings (report
     * thresholds, trusted roles, flood limits), which tell an abuser how far to go. What a viewer may do in the
     * board is {@code Boards.permissions}.
     */
    public Board publicView() {
        return new Board(id, parentId, kind, slug, name, description, position, Set.of(), topicTypes, policy,
                topicCount, postCount, lastPost, BoardModeration.OFF);
    }

    public boolean isModerator(UserId user) {
        return moderators.contains(user);
    }
}
