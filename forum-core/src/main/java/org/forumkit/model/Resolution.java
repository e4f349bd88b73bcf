package org.forumkit.model;

/** What a moderator did about the open reports of a post. */
public enum Resolution {
    /** The reports were unfounded; a post hidden by them becomes visible again. */
    DISMISS,
    /** The post is hidden (pending) until a moderator approves it. */
    HIDE_POST,
    /** The post is deleted; it keeps its floor as a placeholder. */
    DELETE_POST,
    /** The post is deleted and its author banned in the board until a moderator lifts it. */
    BAN_AUTHOR
}
