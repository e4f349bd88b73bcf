package org.forumkit.model;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/**
 * Replies to a topic, taking the next floor.
 *
 * @param replyToFloor the floor this reply answers, or {@code null}
 * @param quotes       earlier posts of the topic to quote; the server builds the snapshots
 */
public record Reply(
        @NotNull TopicId topicId,
        @NotNull String body,
        ContentFormat format,
        Integer replyToFloor,
        List<@Valid @NotNull QuoteRequest> quotes) {

    public static Reply to(TopicId topicId, String body) {
        return new Reply(topicId, body, null, null, List.of());
    }

    public Reply withFormat(ContentFormat format) {
        return new Reply(topicId, body, format, replyToFloor, quotes);
    }

    public Reply replyingTo(int floor) {
        return new Reply(topicId, body, format, floor, quotes);
    }

    /** Quotes the whole post on {@code floor}. */
    public Reply quoting(int floor) {
        return quoting(QuoteRequest.whole(floor));
    }

    /** Quotes an excerpt of the post on {@code floor}. */
    public Reply quoting(int floor, String excerpt) {
        return quoting(QuoteRequest.excerpt(floor, excerpt));
    }

    private Reply quoting(QuoteRequest quote) {
        List<QuoteRequest> all = new ArrayList<>(quotes == null ? List.of() : quotes);
        all.add(quote);
        return new Reply(topicId, body, format, replyToFloor, List.copyOf(all));
    }
}
