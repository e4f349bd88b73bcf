package org.forumkit.model;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * Bans or mutes a user, in one board (its moderators) or everywhere (global moderators and admins).
 *
 * @param boardId  the board, or {@code null} for every board
 * @param duration how long it lasts, or {@code null} for until lifted
 * @param reason   why, for the user and the audit log; required, at most 500 code points
 */
public record BanUser(@NotNull UserId user, BoardId boardId, @NotNull BanKind kind, Duration duration,
        @NotNull String reason) {

    public static BanUser inBoard(UserId user, BoardId board, BanKind kind, Duration duration, String reason) {
        return new BanUser(user, board, kind, duration, reason);
    }

    public static BanUser everywhere(UserId user, BanKind kind, Duration duration, String reason) {
        return new BanUser(user, null, kind, duration, reason);
    }
}
