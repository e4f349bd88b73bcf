package org.forumkit.spi.store;

import java.util.Objects;
import org.forumkit.model.Post;
import org.forumkit.model.Topic;

/** A topic as inserted, with its opening post. */
public record StartedTopic(Topic topic, Post openingPost) {
    public StartedTopic {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(openingPost, "openingPost");
    }
}
