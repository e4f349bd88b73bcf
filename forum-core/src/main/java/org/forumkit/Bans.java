package org.forumkit;

import java.util.List;
import org.forumkit.model.Ban;
import org.forumkit.model.BanId;
import org.forumkit.model.BanUser;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;

/**
 * Bans and mutes: a banned user's writes fail with {@code PermissionDeniedException(BANNED)} and pages announce it.
 * A board's moderators ban in their board; global moderators and admins also everywhere.
 */
public interface Bans {

    /** Bans or mutes a user; recorded in the audit log. */
    Ban ban(Viewer viewer, BanUser command);

    /** Lifts a ban early (whoever may impose it), with a reason for the audit log; lifting twice changes nothing. */
    Ban lift(Viewer viewer, BanId ban, String reason);

    /** A user's active bans, oldest first: for the user themselves, global moderators and admins. */
    List<Ban> active(Viewer viewer, UserId user);
}
