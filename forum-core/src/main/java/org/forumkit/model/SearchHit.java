package org.forumkit.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A post that matched a search. {@code titleHtml} and {@code excerptHtml} are escaped text with the matches in
 * {@code <mark>} elements and nothing else: safe to put into a page as they are.
 */
public record SearchHit(
        BoardId boardId,
        TopicId topicId,
        PostId postId,
        int floor,
        Author author,
        Instant createdAt,
        String titleHtml,
        String excerptHtml) {

    public SearchHit {
        Objects.requireNonNull(boardId, "boardId");
        Objects.requireNonNull(topicId, "topicId");
        Objects.requireNonNull(postId, "postId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(titleHtml, "titleHtml");
        Objects.requireNonNull(excerptHtml, "excerptHtml");
    }
}
