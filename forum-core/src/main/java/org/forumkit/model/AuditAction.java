package org.forumkit.model;

/** What a moderator or admin did, as recorded in the audit log. */
public enum AuditAction {
    TOPIC_LOCKED,
    TOPIC_UNLOCKED,
    /** before and after are the pin levels. */
    TOPIC_PINNED,
    /** before and after are the board ids. */
    TOPIC_MOVED,
    /** A post deleted by someone other than its author. */
    POST_DELETED,
    /** A post edited by someone other than its author; before and after are the revisions. */
    POST_EDITED,
    POST_RESTORED,
    POST_APPROVED,
    POST_REJECTED,
    REPORTS_DISMISSED,
    REPORTS_POST_HIDDEN,
    REPORTS_POST_DELETED,
    /** The post is deleted and its author banned in the board. */
    REPORTS_AUTHOR_BANNED,
    /** after is the kind and the expiry. */
    USER_BANNED,
    BAN_LIFTED,
    /** before and after are the board's moderation settings. */
    BOARD_MODERATION_CHANGED
}
