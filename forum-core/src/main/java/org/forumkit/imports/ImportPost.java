package org.forumkit.imports;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.PostState;

/**
 * A post of a source thread. {@code floor} is the floor the source gave it ({@code null}: the next one, in the
 * order parents first, then time); {@code parentSourceId} is the post it answers ({@code null}: none), which
 * becomes its reply-to floor; {@code quotedSourceIds} are the posts it quotes, each becoming a quote snapshot
 * of the imported source. {@code body} is in {@code format}, rendered by the forum's renderer for it.
 */
public record ImportPost(String sourceId, Integer floor, String parentSourceId, List<String> quotedSourceIds,
        ImportAuthor author, Instant createdAt, String body, ContentFormat format, PostState state,
        List<ImportVote> votes) {
    public ImportPost {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(state, "state");
        quotedSourceIds = List.copyOf(quotedSourceIds);
        votes = List.copyOf(votes);
        if (floor != null && floor < 1) {
            throw new IllegalArgumentException("floor must be >= 1, was " + floor);
        }
    }
}
