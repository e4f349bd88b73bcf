package org.forumkit.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of search results. A page may hold fewer hits than asked (posts the viewer may not read are dropped
 * after the index matched them) and still have a next page; {@code next} is {@code null} on the last one.
 */
public record SearchResults(List<SearchHit> hits, String next) {
    public SearchResults {
        hits = List.copyOf(Objects.requireNonNull(hits, "hits"));
    }

    public Optional<String> nextCursor() {
        return Optional.ofNullable(next);
    }
}
