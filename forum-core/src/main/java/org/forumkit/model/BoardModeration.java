package org.forumkit.model;

import java.util.Objects;
import java.util.Set;

/**
 * A board's moderation settings: which new posts wait for approval, and how many reporters hide a post.
 * Moderators' posts never wait.
 *
 * @param premoderation    which new posts wait for approval
 * @param trustedRoles     with {@link Premoderation#WITHOUT_ROLES}: holders of any of these host roles post directly
 * @param hideAfterReports a visible post that this many users have open reports on is hidden (pending) until a
 *                         moderator reviews it; 0 never hides
 */
public record BoardModeration(Premoderation premoderation, Set<String> trustedRoles, int hideAfterReports) {
    /** Nothing waits for approval and reports hide nothing. */
    public static final BoardModeration OFF = new BoardModeration(Premoderation.OFF, Set.of(), 0);

    public BoardModeration {
        Objects.requireNonNull(premoderation, "premoderation");
        trustedRoles = Set.copyOf(Objects.requireNonNull(trustedRoles, "trustedRoles"));
        if (premoderation == Premoderation.WITHOUT_ROLES && trustedRoles.isEmpty()) {
            throw new IllegalArgumentException("WITHOUT_ROLES needs at least one trusted role");
        }
        if (hideAfterReports < 0) {
            throw new IllegalArgumentException("hideAfterReports must be >= 0, was " + hideAfterReports);
        }
    }

    /** Every new post waits for approval. */
    public static BoardModeration everyone() {
        return new BoardModeration(Premoderation.EVERYONE, Set.of(), 0);
    }

    /** New posts wait unless their author holds one of {@code roles}. */
    public static BoardModeration exceptRoles(String... roles) {
        return new BoardModeration(Premoderation.WITHOUT_ROLES, Set.of(roles), 0);
    }

    /** These settings with a post hidden once {@code reporters} users have open reports on it (0: never). */
    public BoardModeration hidingAfterReports(int reporters) {
        return new BoardModeration(premoderation, trustedRoles, reporters);
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
