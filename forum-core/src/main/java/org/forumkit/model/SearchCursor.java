package org.forumkit.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A position in search results: the last hit's post, topic, score and time, so the next page starts right after
 * it in either order. {@link #token()} is an opaque string a host can put in a URL; {@link #parse(String)} reads it
 * back.
 */
public record SearchCursor(PostId post, TopicId topic, long score, Instant createdAt) {
    public SearchCursor {
        Objects.requireNonNull(post, "post");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public String token() {
        return post.value() + "." + topic.value() + "." + score + "." + createdAt.getEpochSecond() + "."
                + createdAt.getNano();
    }

    /** Reads a token made by {@link #token()}; throws {@link IllegalArgumentException} for anything else. */
    public static SearchCursor parse(String token) {
        Objects.requireNonNull(token, "token");
        String[] parts = token.split("\\.", -1);
        if (parts.length != 5) {
            throw new IllegalArgumentException("not a search cursor: '" + token + "'");
        }
        try {
            return new SearchCursor(PostId.of(Long.parseLong(parts[0])), TopicId.of(Long.parseLong(parts[1])),
                    Long.parseLong(parts[2]), Instant.ofEpochSecond(Long.parseLong(parts[3]),
                    Integer.parseInt(parts[4])));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a search cursor: '" + token + "'", e);
        }
    }
}
