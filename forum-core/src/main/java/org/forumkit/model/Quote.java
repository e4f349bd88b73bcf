package org.forumkit.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of (part of) an earlier post of the same topic, built by the server from the stored source when
 * the reply was written. It never changes afterwards; compare {@code sourceRevision} with the source's current
 * revision to tell the reader the source was edited since.
 *
 * @param whole     whether the whole source was quoted rather than an excerpt
 * @param truncated whether the text was cut to the configured quote length
 */
public record Quote(
        PostId sourcePostId,
        int sourceFloor,
        Author sourceAuthor,
        Instant sourcePostedAt,
        int sourceRevision,
        String excerpt,
        boolean whole,
        boolean truncated) {

    public Quote {
        Objects.requireNonNull(sourcePostId, "sourcePostId");
        Objects.requireNonNull(sourceAuthor, "sourceAuthor");
        Objects.requireNonNull(sourcePostedAt, "sourcePostedAt");
        Objects.requireNonNull(excerpt, "excerpt");
        if (sourceFloor < 1 || sourceRevision < 1) {
            throw new IllegalArgumentException("sourceFloor and sourceRevision must be >= 1, were "
                    + sourceFloor + " and " + sourceRevision);
        }
    }
}
