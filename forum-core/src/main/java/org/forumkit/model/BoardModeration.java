package org.forumkit.model;

import java.util.Objects;
import java.util.Set;

/**
 * A board's moderation settings: which new posts wait for approval. Moderators' posts never wait.
 *
 * @param premoderation which new posts wait for approval
 * @param trustedRoles  with {@link Premoderation#WITHOUT_ROLES}: holders of any of these host roles post directly
 */
public record BoardModeration(Premoderation premoderation, Set<String> trustedRoles) {
    /** Nothing waits for approval. */
    public static final BoardModeration OFF = new BoardModeration(Premoderation.OFF, Set.of());

    public BoardModeration {
        Objects.requireNonNull(premoderation, "premoderation");
        trustedRoles = Set.copyOf(Objects.requireNonNull(trustedRoles, "trustedRoles"));
        if (premoderation == Premoderation.WITHOUT_ROLES && trustedRoles.isEmpty()) {
            throw new IllegalArgumentException("WITHOUT_ROLES needs at least one trusted role");
        }
    }

    /** Every new post waits for approval. */
    public static BoardModeration everyone() {
        return new BoardModeration(Premoderation.EVERYONE, Set.of());
    }

    /** New posts wait unless their author holds one of {@code roles}. */
    public static BoardModeration exceptRoles(String... roles) {
        return new BoardModeration(Premoderation.WITHOUT_ROLES, Set.of(roles));
    }

    /** Whether a new post of {@code viewer} (not a moderator) waits for approval. */
    public boolean holds(Viewer viewer) {
        return switch (premoderation) {
            case OFF -> false;
            case EVERYONE -> true;
            case WITHOUT_ROLES -> viewer.roles().stream().noneMatch(trustedRoles::contains);
        };
    }
}
