package org.forumkit.model;

/** Which new posts of a board wait for a moderator's approval before others can see them. */
public enum Premoderation {
    /** No post waits (censored words of the "moderate" list still hold a post). */
    OFF,
    /** Every post waits, except a moderator's. */
    EVERYONE,
    /** Posts of users holding none of the board's trusted roles wait. */
    WITHOUT_ROLES
}
