package org.forumkit.internal;

import java.util.List;
import org.forumkit.model.Action;
import org.forumkit.model.Ban;

/** A viewer's active bans where a decision is made; {@link #NONE} for anonymous visitors and users in good standing. */
record Standing(List<Ban> bans) {
    static final Standing NONE = new Standing(List.of());

    Standing {
        bans = List.copyOf(bans);
    }

    boolean forbids(Action action) {
        for (Ban ban : bans) {
            if (ban.kind().forbids(action)) {
                return true;
            }
        }
        return false;
    }
}
