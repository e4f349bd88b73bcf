package org.forumkit.model;

/** How a quote's source stands now, compared with the snapshot. */
public enum QuoteStatus {
    /** The source is as it was when quoted. */
    UNCHANGED,
    /** The source was edited after it was quoted. */
    SOURCE_EDITED,
    /** The source was deleted (or is hidden) since. */
    SOURCE_GONE
}
