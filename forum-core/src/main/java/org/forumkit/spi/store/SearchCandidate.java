package org.forumkit.spi.store;

import java.time.Instant;
import java.util.Objects;
import org.forumkit.model.PostId;
import org.forumkit.model.TopicId;

/**
 * A post the index matched, with what orders it: {@code score} is the sum of the weights of its matching terms
 * (title terms only when a match is on titles), {@code createdAt} the post's time.
 */
public record SearchCandidate(PostId post, TopicId topic, long score, Instant createdAt) {
    public SearchCandidate {
        Objects.requireNonNull(post, "post");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
