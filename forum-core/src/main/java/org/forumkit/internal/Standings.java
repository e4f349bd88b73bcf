package org.forumkit.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.forumkit.model.Ban;
import org.forumkit.model.Board;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.forumkit.spi.store.StoreReader;

/** Finds a viewer's {@link Standing}: the bans that are active now. */
final class Standings {
    private final ForumClock clock;

    Standings(ForumClock clock) {
        this.clock = clock;
    }

    /** The standing given by bans read elsewhere (with a topic page): those active now count. */
    Standing of(List<Ban> bans) {
        if (bans.isEmpty()) {
            return Standing.NONE; // most writers: no clock read, no list
        }
        Instant now = clock.now();
        List<Ban> active = bans.stream().filter(ban -> ban.isActiveAt(now)).toList();
        return active.isEmpty() ? Standing.NONE : new Standing(active);
    }

    /** The user whose bans count for {@code viewer}: none for a visitor. */
    static Optional<UserId> member(Viewer viewer) {
        return viewer instanceof Viewer.Member member ? Optional.of(member.id()) : Optional.empty();
    }

    /** The viewer's active bans in {@code board} (one store read for a signed-in user, none for a visitor). */
    Standing read(StoreReader reader, Viewer viewer, Board board) {
        if (!(viewer instanceof Viewer.Member member)) {
            return Standing.NONE;
        }
        List<Ban> bans = reader.activeBans(member.id(), Optional.of(board.id()), clock.now());
        return bans.isEmpty() ? Standing.NONE : new Standing(bans);
    }
}
