package org.forumkit.model;

/** What earns or costs credits (积分). */
public enum CreditEvent {
    START_TOPIC,
    REPLY,
    /** Another user's support (支持) vote on one's post. */
    RECEIVE_SUPPORT,
    /** A moderator deleted one's post (deleting one's own costs nothing). */
    POST_DELETED_BY_MODERATOR
}
