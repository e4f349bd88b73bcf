package org.forumkit.model;

/** How far a ban reaches; both leave reading alone. */
public enum BanKind {
    /** No new topics, replies, quotes or edits (禁言). */
    MUTE,
    /** Nothing written at all: no topics, replies, quotes, edits, votes or reports. */
    BAN;

    /** Whether this kind forbids {@code action}. */
    public boolean forbids(Action action) {
        return switch (action) {
            case VIEW -> false;
            case START_TOPIC, REPLY, QUOTE -> true;
            case VOTE, REPORT -> this == BAN;
        };
    }
}
