package org.forumkit.spi.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.forumkit.model.Author;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.PostState;
import org.forumkit.model.Quote;
import org.forumkit.model.TopicId;

/**
 * A validated, rendered post to insert. The store assigns its id and floor. {@code topicId} is ignored for an
 * opening post (the new topic's id is used); {@code replyToFloor} may be {@code null}.
 */
public record NewPost(
        TopicId topicId,
        Author author,
        Instant createdAt,
        String body,
        ContentFormat format,
        String html,
        String renderer,
        PostState state,
        Integer replyToFloor,
        List<Quote> quotes) {

    public NewPost {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(renderer, "renderer");
        Objects.requireNonNull(state, "state");
        quotes = List.copyOf(quotes);
    }
}
