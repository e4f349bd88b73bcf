package org.forumkit.spi.store;

import java.util.Objects;
import org.forumkit.model.Board;
import org.forumkit.model.Post;
import org.forumkit.model.Topic;

/** A post with its topic and board, as one read. */
public record PostInTopic(Post post, Topic topic, Board board) {
    public PostInTopic {
        Objects.requireNonNull(post, "post");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(board, "board");
    }
}
