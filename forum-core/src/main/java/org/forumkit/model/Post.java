package org.forumkit.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A post on a numbered floor of a topic (floor 1 is the opening post).
 *
 * @param body         the source text as written, in {@code format}
 * @param html         the body rendered once when written or edited; pages never render
 * @param renderer     name and version of the renderer that produced {@code html}, so an upgrade can re-render
 * @param editedAt     time of the last edit, or {@code null}
 * @param revision     1 when written, incremented by each edit
 * @param replyToFloor the floor this post answers, or {@code null}
 */
public record Post(
        PostId id,
        TopicId topicId,
        int floor,
        Author author,
        Instant createdAt,
        Instant editedAt,
        int revision,
        String body,
        ContentFormat format,
        String html,
        String renderer,
        PostState state,
        Integer replyToFloor,
        long support,
        long oppose,
        List<Quote> quotes) {

    public Post {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(topicId, "topicId");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(renderer, "renderer");
        Objects.requireNonNull(state, "state");
        quotes = List.copyOf(Objects.requireNonNull(quotes, "quotes"));
        if (floor < 1 || revision < 1 || support < 0 || oppose < 0) {
            throw new IllegalArgumentException("inconsistent post " + id + ": floor=" + floor + ", revision=" + revision
                    + ", support=" + support + ", oppose=" + oppose);
        }
    }

    public boolean isOpening() {
        return floor == 1;
    }

    public boolean isVisible() {
        return state == PostState.VISIBLE;
    }

    public Optional<Instant> optionalEditedAt() {
        return Optional.ofNullable(editedAt);
    }

    public Optional<Integer> optionalReplyToFloor() {
        return Optional.ofNullable(replyToFloor);
    }
}
