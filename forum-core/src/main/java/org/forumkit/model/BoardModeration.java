package org.forumkit.model;

import java.time.Duration;
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
 * @param floodControl     how fast one user may post in the board
 * @param authorEditWindow how long after writing a post its author may edit it; {@link Duration#ZERO} for always
 *                         (moderators always may)
 */
public record BoardModeration(Premoderation premoderation, Set<String> trustedRoles, int hideAfterReports,
        FloodControl floodControl, Duration authorEditWindow) {
    /** Nothing waits for approval, reports hide nothing, nobody is limited and authors edit any time. */
    public static final BoardModeration OFF = new BoardModeration(Premoderation.OFF, Set.of(), 0, FloodControl.OFF,
            Duration.ZERO);

    public BoardModeration {
        Objects.requireNonNull(premoderation, "premoderation");
        trustedRoles = Set.copyOf(Objects.requireNonNull(trustedRoles, "trustedRoles"));
        if (premoderation == Premoderation.WITHOUT_ROLES && trustedRoles.isEmpty()) {
            throw new IllegalArgumentException("WITHOUT_ROLES needs at least one trusted role");
        }
        Objects.requireNonNull(floodControl, "floodControl");
        Objects.requireNonNull(authorEditWindow, "authorEditWindow");
        if (authorEditWindow.isNegative()) {
            throw new IllegalArgumentException("authorEditWindow must not be negative, was " + authorEditWindow);
        }
        if (hideAfterReports < 0) {
            throw new IllegalArgumentException("hideAfterReports must be >= 0, was " + hideAfterReports);
        }
    }

    /** Every new post waits for approval. */
    public static BoardModeration everyone() {
        return new BoardModeration(Premoderation.EVERYONE, Set.of(), 0, FloodControl.OFF, Duration.ZERO);
    }

    /** New posts wait unless their author holds one of {@code roles}. */
    public static BoardModeration exceptRoles(String... roles) {
        return new BoardModeration(Premoderation.WITHOUT_ROLES, Set.of(roles), 0, FloodControl.OFF, Duration.ZERO);
    }

    /** These settings with a post hidden once {@code reporters} users have open reports on it (0: never). */
    public BoardModeration hidingAfterReports(int reporters) {
        return new BoardModeration(premoderation, trustedRoles, reporters, floodControl, authorEditWindow);
    }

    /** These settings with flood control: at least {@code minInterval} between posts, at most {@code maxPerHour}. */
    public BoardModeration limitingPosts(Duration minInterval, int maxPerHour) {
        return new BoardModeration(premoderation, trustedRoles, hideAfterReports,
                new FloodControl(minInterval, maxPerHour), authorEditWindow);
    }

    /** These settings with authors editing their posts only within {@code window} of writing them (ZERO: always). */
    public BoardModeration allowingEditsFor(Duration window) {
        return new BoardModeration(premoderation, trustedRoles, hideAfterReports, floodControl, window);
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
