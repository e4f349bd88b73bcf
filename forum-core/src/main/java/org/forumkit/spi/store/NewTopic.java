package org.forumkit.spi.store;

import java.time.Instant;
import java.util.Objects;
import org.forumkit.model.Author;
import org.forumkit.model.BoardId;

/** A validated topic to insert; {@code type} and {@code externalKey} may be {@code null}. */
public record NewTopic(BoardId boardId, String title, String type, Author author, Instant createdAt, String externalKey) {
    public NewTopic {
        Objects.requireNonNull(boardId, "boardId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
