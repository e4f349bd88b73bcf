package org.forumkit.model;

import java.time.Instant;
import java.util.Objects;

/** The newest post of a board, as shown in board listings. */
public record LastPost(TopicId topicId, PostId postId, int floor, Author author, Instant at) {
    public LastPost {
        Objects.requireNonNull(topicId, "topicId");
        Objects.requireNonNull(postId, "postId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(at, "at");
        if (floor < 1) {
            throw new IllegalArgumentException("floor must be >= 1, was " + floor);
        }
    }
}
