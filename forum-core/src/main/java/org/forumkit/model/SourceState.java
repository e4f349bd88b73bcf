package org.forumkit.model;

import java.util.Objects;

/** The current revision and state of a quoted post, read with a page to compare with its snapshots. */
public record SourceState(int revision, PostState state) {
    public SourceState {
        Objects.requireNonNull(state, "state");
    }

    public QuoteStatus statusOf(Quote quote) {
        if (state != PostState.VISIBLE) {
            return QuoteStatus.SOURCE_GONE;
        }
        return revision > quote.sourceRevision() ? QuoteStatus.SOURCE_EDITED : QuoteStatus.UNCHANGED;
    }
}
