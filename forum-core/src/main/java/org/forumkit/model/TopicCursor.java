package org.forumkit.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A position in a board's topic listing ({@link Topic#LISTING_ORDER}: pinned first, then newest activity first).
 * {@link #token()} is an opaque string a host can put in a URL; {@link #parse(String)} reads it back.
 */
public record TopicCursor(int pinLevel, Instant lastPostAt, TopicId topicId) {
    public TopicCursor {
        Objects.requireNonNull(lastPostAt, "lastPostAt");
        Objects.requireNonNull(topicId, "topicId");
    }

    public static TopicCursor after(Topic topic) {
        return new TopicCursor(topic.pinLevel(), topic.lastPostAt(), topic.id());
    }

    public String token() {
        return pinLevel + "." + lastPostAt.getEpochSecond() + "." + lastPostAt.getNano() + "." + topicId.value();
    }

    /** Reads a token made by {@link #token()}; throws {@link IllegalArgumentException} for anything else. */
    public static TopicCursor parse(String token) {
        Objects.requireNonNull(token, "token");
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a topic cursor: '" + token + "'");
        }
        try {
            return new TopicCursor(Integer.parseInt(parts[0]),
                    Instant.ofEpochSecond(Long.parseLong(parts[1]), Integer.parseInt(parts[2])),
                    TopicId.of(Long.parseLong(parts[3])));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a topic cursor: '" + token + "'", e);
        }
    }
}
