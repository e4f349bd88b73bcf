package org.forumkit.model;

/** What a viewer may ask to do on a board; an {@link AccessPolicy} maps each to an {@link Audience}. */
public enum Action {
    VIEW,
    START_TOPIC,
    REPLY,
    QUOTE,
    VOTE,
    REPORT;

    /** Whether this action writes to the board (a board closed for it is read-only, not invisible). */
    public boolean writes() {
        return this != VIEW;
    }
}
