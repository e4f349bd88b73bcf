package org.forumkit.model;

/**
 * How closely a user follows a topic or a board. WATCHING: a notification for every new post; TRACKING and NORMAL:
 * only when addressed (replied to, quoted); MUTED: nothing at all; WATCHING_FIRST_POST (boards only): a notification
 * for each new topic, not its replies.
 */
public enum WatchLevel {
    MUTED, NORMAL, TRACKING, WATCHING, WATCHING_FIRST_POST
}
