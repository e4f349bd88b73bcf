package org.forumkit.model;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Set;

/**
 * Creates a category, board or sub-board. Like every command it is plain input: the service validates it and
 * reports every bad field at once in a {@code ValidationException}.
 *
 * @param parentId    the parent category or board; {@code null} for a top-level category or board
 * @param description free text, may be empty
 * @param policy      who may do what; {@code null} for {@link AccessPolicy#DEFAULT}
 * @param moderation  which new posts wait for approval; {@code null} for {@link BoardModeration#OFF}
 */
public record CreateBoard(
        BoardId parentId,
        @NotNull BoardKind kind,
        @NotNull String slug,
        @NotNull String name,
        String description,
        int position,
        Set<UserId> moderators,
        List<String> topicTypes,
        AccessPolicy policy,
        BoardModeration moderation) {

    /** A board without moderation settings. */
    public CreateBoard(BoardId parentId, BoardKind kind, String slug, String name, String description, int position,
            Set<UserId> moderators, List<String> topicTypes, AccessPolicy policy) {
        this(parentId, kind, slug, name, description, position, moderators, topicTypes, policy, null);
    }

    public static CreateBoard category(String slug, String name) {
        return new CreateBoard(null, BoardKind.CATEGORY, slug, name, "", 0, Set.of(), List.of(), null);
    }

    public static CreateBoard board(BoardId parentId, String slug, String name) {
        return new CreateBoard(parentId, BoardKind.BOARD, slug, name, "", 0, Set.of(), List.of(), null);
    }

    public CreateBoard describedAs(String description) {
        return new CreateBoard(parentId, kind, slug, name, description, position, moderators, topicTypes, policy,
                moderation);
    }

    public CreateBoard at(int position) {
        return new CreateBoard(parentId, kind, slug, name, description, position, moderators, topicTypes, policy,
                moderation);
    }

    public CreateBoard moderatedBy(UserId... moderators) {
        return new CreateBoard(parentId, kind, slug, name, description, position, Set.of(moderators), topicTypes, policy,
                moderation);
    }

    public CreateBoard withTopicTypes(String... topicTypes) {
        return new CreateBoard(parentId, kind, slug, name, description, position, moderators, List.of(topicTypes), policy,
                moderation);
    }

    public CreateBoard withModeration(BoardModeration moderation) {
        return new CreateBoard(parentId, kind, slug, name, description, position, moderators, topicTypes, policy,
                moderation);
    }

    public CreateBoard withPolicy(AccessPolicy policy) {
        return new CreateBoard(parentId, kind, slug, name, description, position, moderators, topicTypes, policy,
                moderation);
    }
}
