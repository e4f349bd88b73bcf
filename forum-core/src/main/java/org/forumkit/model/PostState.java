package org.forumkit.model;

/** A post is visible, waiting for a moderator's approval, or deleted (it keeps its floor as a placeholder). */
public enum PostState {
    VISIBLE,
    PENDING,
    DELETED
}
