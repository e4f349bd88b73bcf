package org.forumkit.model;

/** A vote on a post: 支持 (support) or 反对 (oppose). */
public enum VoteKind {
    SUPPORT,
    OPPOSE;

    /**
     * How the count of {@code kind} votes on a post moves when a voter's vote goes from {@code before} to
     * {@code after} ({@code null}: no vote): +1, 0 or -1.
     */
    public static int delta(VoteKind before, VoteKind after, VoteKind kind) {
        return (after == kind ? 1 : 0) - (before == kind ? 1 : 0);
    }
}
