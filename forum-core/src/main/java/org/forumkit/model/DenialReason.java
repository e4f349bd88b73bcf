package org.forumkit.model;

/** Why an action was refused, so a host can show the right message or button. */
public enum DenialReason {
    /** An anonymous visitor must sign in first (the seed page: 您需要登录后才可以回帖). */
    LOGIN_REQUIRED,
    /** The viewer is signed in but lacks the role the board asks for. */
    NOT_ALLOWED,
    /** The topic is locked; only moderators may reply. */
    TOPIC_LOCKED,
    /** The board accepts no such writes from anyone. */
    BOARD_READ_ONLY,
    /** The viewer is banned or muted. */
    BANNED,
    /** Voting on one's own post is switched off. */
    OWN_POST,
    /** The board lets authors edit their posts only for a while after writing them. */
    EDIT_WINDOW_CLOSED
}
