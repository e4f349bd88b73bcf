package org.forumkit;

import org.forumkit.model.PostId;
import org.forumkit.model.Viewer;
import org.forumkit.model.VoteChange;
import org.forumkit.model.VoteKind;

/** 支持 / 反对: one vote per user per post, which the user can change or retract. */
public interface Votes {

    /** Casts or changes the viewer's vote on a post. */
    VoteChange cast(Viewer viewer, PostId post, VoteKind vote);

    /** Retracts the viewer's vote, if any. */
    VoteChange retract(Viewer viewer, PostId post);
}
