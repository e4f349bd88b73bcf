package org.forumkit;

import org.forumkit.model.AuditEntry;
import org.forumkit.model.AuditId;
import org.forumkit.model.BoardId;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;

/**
 * The append-only log of moderators' and admins' actions, newest first, one {@link PageRequest} at a time.
 * Entries are written in the same transaction as the action and never edited.
 */
public interface AuditLog {

    /** What happened in a board: its moderators only. */
    Page<AuditEntry, AuditId> board(Viewer viewer, BoardId board, PageRequest<AuditId> request);

    /** What a user (a moderator) did, in every board: global moderators and admins only. */
    Page<AuditEntry, AuditId> byUser(Viewer viewer, UserId actor, PageRequest<AuditId> request);

    /** What was done to a user's posts (or the user), in every board: global moderators and admins only. */
    Page<AuditEntry, AuditId> aboutUser(Viewer viewer, UserId subject, PageRequest<AuditId> request);
}
