package org.forumkit.model;

/** A vote on a post: 支持 (support) or 反对 (oppose). */
public enum VoteKind {
    SUPPORT,
    OPPOSE
}
