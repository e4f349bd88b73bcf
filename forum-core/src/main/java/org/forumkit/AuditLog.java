package org.forumkit;

import java.util.Optional;
import org.forumkit.model.AuditId;
import org.forumkit.model.AuditPage;
import org.forumkit.model.BoardId;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;

/**
 * The append-only log of moderators' and admins' actions, newest first, {@code size} entries at a time after
 * {@code before} (the previous page's {@link AuditPage#next()}). Entries are written in the same transaction as
 * the action and never edited.
 */
public interface AuditLog {

    /** What happened in a board: its moderators only. */
    AuditPage board(Viewer viewer, BoardId board, Optional<AuditId> before, int size);

    /** What a user (a moderator) did, in every board: global moderators and admins only. */
    AuditPage byUser(Viewer viewer, UserId actor, Optional<AuditId> before, int size);

    /** What was done to a user's posts (or the user), in every board: global moderators and admins only. */
    AuditPage aboutUser(Viewer viewer, UserId subject, Optional<AuditId> before, int size);
}
