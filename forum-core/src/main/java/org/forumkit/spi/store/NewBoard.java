package org.forumkit.spi.store;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.forumkit.model.AccessPolicy;
import org.forumkit.model.BoardId;
import org.forumkit.model.BoardModeration;
import org.forumkit.model.BoardKind;
import org.forumkit.model.UserId;

/** A validated board to insert; {@code parentId} may be {@code null}. */
public record NewBoard(
        BoardId parentId,
        BoardKind kind,
        String slug,
        String name,
        String description,
        int position,
        Set<UserId> moderators,
        List<String> topicTypes,
        AccessPolicy policy,
        BoardModeration moderation) {

    public NewBoard {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        moderators = Set.copyOf(moderators);
        topicTypes = List.copyOf(topicTypes);
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(moderation, "moderation");
    }

    /** A board without moderation settings. */
    public NewBoard(BoardId parentId, BoardKind kind, String slug, String name, String description, int position,
            Set<UserId> moderators, List<String> topicTypes, AccessPolicy policy) {
        this(parentId, kind, slug, name, description, position, moderators, topicTypes, policy, BoardModeration.OFF);
    }
}
