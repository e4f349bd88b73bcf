package org.forumkit.spi.store;

import java.util.Objects;
import org.forumkit.model.BoardId;
import org.forumkit.model.Topic;

/** A topic after {@link StoreTransaction#moveTopic}, with the board it was in under the topic's row lock. */
public record MovedTopic(Topic topic, BoardId from) {
    public MovedTopic {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(from, "from");
    }
}
