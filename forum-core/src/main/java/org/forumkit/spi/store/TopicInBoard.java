package org.forumkit.spi.store;

import java.util.Objects;
import org.forumkit.model.Board;
import org.forumkit.model.Topic;

/** A topic with the board it is in, as one read. */
public record TopicInBoard(Topic topic, Board board) {
    public TopicInBoard {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(board, "board");
    }
}
