package org.forumkit.imports;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.PostState;

/**
 * A post of a source thread. {@code floor} is the floor the source gave it ({@code null}: the next one, in the
 * order parents first, then time); {@code parentSourceId} is the post it answers ({@code null}: none), which
 * becomes its reply-to floor; {@code quotedSourceIds} are the posts it quotes, each becoming a quote snapshot
 * of the imported source: the part {@code quoteExcerpts} gives for it when that text is in the source (a Discuz!
 * quote holds what was quoted), else the whole source post. {@code body} is in {@code format}, rendered by the
 * forum's renderer for it.
 */
public record ImportPost(String sourceId, Integer floor, String parentSourceId, List<String> quotedSourceIds,
        ImportAuthor author, Instant createdAt, String body, ContentFormat format, PostState state,
        List<ImportVote> votes, Map<String, String> quoteExcerpts) {

    /** A post whose quotes are whole source posts. */
    public ImportPost(String sourceId, Integer floor, String parentSourceId, List<String> quotedSourceIds,
            ImportAuthor author, Instant createdAt, String body, ContentFormat format, PostState state,
            List<ImportVote> votes) {
        this(sourceId, floor, parentSourceId, quotedSourceIds, author, createdAt, body, format, state, votes, Map.of());
    }

    public ImportPost {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(state, "state");
        quotedSourceIds = List.copyOf(quotedSourceIds);
        votes = List.copyOf(votes);
        quoteExcerpts = Map.copyOf(quoteExcerpts);
        if (floor != null && floor < 1) {
            throw new IllegalArgumentException("floor must be >= 1, was " + floor);
        }
    }
}
