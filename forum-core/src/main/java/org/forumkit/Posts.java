package org.forumkit;

import org.forumkit.model.EditPost;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.Reply;
import org.forumkit.model.Viewer;

/** Replies and what can happen to a post afterwards. */
public interface Posts {

    /** Posts a reply on the topic's next floor, building quote snapshots on the server. */
    Post reply(Viewer viewer, Reply command);

    Post get(Viewer viewer, PostId id);

    /** Edits a post: its author or a moderator. */
    Post edit(Viewer viewer, EditPost command);

    /** Deletes a post (its author or a moderator); it keeps its floor and shows as a placeholder. */
    Post delete(Viewer viewer, PostId id);

    /** Restores a deleted post: moderators only. */
    Post restore(Viewer viewer, PostId id);
}
