package org.forumkit.spi.store;

import java.time.Instant;
import java.util.Comparator;
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
 * time descending, then post id descending; {@code after} is the last candidate of the previous page. A store may
 * match among the newest {@link #SCANNED} index entries of each term only.
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

    /**
     * How many index entries (one per post and title-or-body) of the newest posts a store reads at most per term of
     * a match: a store may look no further, so a term that occurs in more posts than that matches among the newest
     * of them, and no query costs a scan of the whole index.
     */
    public static final int SCANNED = 10_000;

    /** How candidates are ordered. */
    public enum Order {
        RELEVANCE(Comparator.comparingLong(SearchCandidate::score).thenComparing(SearchCandidate::post).reversed()),
        NEWEST(Comparator.comparing(SearchCandidate::createdAt).thenComparing(SearchCandidate::post).reversed());

        private final Comparator<SearchCandidate> comparator;

        Order(Comparator<SearchCandidate> comparator) {
            this.comparator = comparator;
        }

        /** The order as a comparator: a candidate that comes first compares less. */
        public Comparator<SearchCandidate> comparator() {
            return comparator;
        }
    }

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
