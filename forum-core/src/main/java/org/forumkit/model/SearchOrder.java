package org.forumkit.model;

/** How search results are ordered: best match first, or newest post first. */
public enum SearchOrder {
    RELEVANCE,
    NEWEST
}
