package org.forumkit.model;

/** Why a user reports a post (举报). */
public enum ReportReason {
    SPAM,
    ABUSE,
    OFF_TOPIC,
    /** Anything else; the report's text says what. */
    OTHER
}
