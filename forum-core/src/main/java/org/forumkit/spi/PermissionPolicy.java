package org.forumkit.spi;

import java.util.Optional;
import org.forumkit.model.Action;
import org.forumkit.model.Board;
import org.forumkit.model.Decision;
import org.forumkit.model.Topic;
import org.forumkit.model.Viewer;

/**
 * A host's hook to refine any permission decision: it sees what the board's access policy decided and may
 * allow or deny instead (for example deny {@code BANNED} for users the host has banned).
 */
@FunctionalInterface
public interface PermissionPolicy {

    /** Keeps every decision as the board's access policy made it. */
    PermissionPolicy BOARD_RULES = (viewer, action, board, topic, decided) -> decided;

    Decision decide(Viewer viewer, Action action, Board board, Optional<Topic> topic, Decision decided);
}
