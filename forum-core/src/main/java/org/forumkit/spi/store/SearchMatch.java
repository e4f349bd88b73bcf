package org.forumkit.spi.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.forumkit.model.BoardId;
import org.forumkit.model.TopicId;
import org.forumkit.model.UserId;

/**
 * What {@link SearchIndexReader#match} looks for. {@code from} is inclusive, {@code to} exclusive. In
 * {@link Order#RELEVANCE} candidates come by score descending, then post id descending; in {@link Order#NEWEST} by
 * time descending, then post id descending; {@code after} is the last candidate of the previous page.
 */
public record SearchMatch(
        List<String> terms,
        boolean titlesOnly,
        Set<BoardId> boards,
        Optional<UserId> author,
        Optional<TopicId> topic,
        Optional<Instant> from,
        Optional<Instant> to,
        Order order,
        Optional<SearchCandidate> after,
        int limit) {

    /** How candidates are ordered. */
    public enum Order { RELEVANCE, NEWEST }

    public SearchMatch {
        terms = List.copyOf(terms);
        boards = Set.copyOf(boards);
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(after, "after");
        if (terms.isEmpty() || limit < 1) {
            throw new IllegalArgumentException("a match needs terms and a positive limit: " + terms + ", " + limit);
        }
    }
}
