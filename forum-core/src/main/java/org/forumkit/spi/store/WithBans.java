package org.forumkit.spi.store;

import java.util.List;
import java.util.Objects;
import org.forumkit.model.Ban;

/**
 * What a command looked up, with its viewer's bans there that are not lifted (expired ones may be included: core
 * compares them with its clock), read together so a command costs no extra query for its bans.
 */
public record WithBans<T>(T found, List<Ban> viewerBans) {
    public WithBans {
        Objects.requireNonNull(found, "found");
        viewerBans = List.copyOf(viewerBans);
    }
}
