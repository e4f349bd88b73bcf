package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.forumkit.spi.store.IndexedTerm;
import org.forumkit.spi.store.SearchMatch;

/**
 * The search index on PostgreSQL, {@code fk_search_doc}: one row per post holding its terms' {@link SearchKeys} in a
 * GIN-indexed {@code BIGINT[]} (migration V14). A post's keys are one insert (an upsert when replaced); a match is
 * one statement, the GIN index finding the posts that hold every key, the newest {@link SearchMatch#SCANNED} of them
 * scored from their short {@code heavy_*} arrays (keys that weigh 1 are not listed there), so a match never reads
 * the keys themselves, which live out of line.
 */
final class SearchKeyRows extends SearchRows {
    /** The newest posts holding every key of ?1; {@code %s} the score, one weight per key. */
    private static final String MATCH = "select s.post_id, %s from (select post_id, heavy_keys, heavy_weights"
            + " from fk_search_doc where keys @> cast(?1 as bigint[]) order by post_id desc limit "
            + SearchMatch.SCANNED + ") s";

    /** Posts per multi-row upsert of a re-index batch: 4 parameters each. */
    private static final int DOCS_PER_INSERT = 250;

    SearchKeyRows(EntityManager em, PostRows posts, boolean writable) {
        super(em, posts, writable);
    }

    @Override
    Map<Long, Long> scoredPosts(SearchMatch match) {
        Set<Long> keys = new LinkedHashSet<>();
        for (String term : match.terms()) {
            keys.add(match.titlesOnly() ? SearchKeys.titleKey(term) : SearchKeys.key(term));
        }
        // A sum of array_position look-ups, one per key: half the cost of a subquery over unnest() (measured at
        // 100,000 posts, 10,000 candidates: 131 vs 230 ms on the loaded machine).
        StringBuilder score = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            score.append(i == 0 ? "" : " + ").append("coalesce(s.heavy_weights[array_position(s.heavy_keys, cast(?")
                    .append(i + 2).append(" as bigint))], 1)");
        }
        Query query = em.createNativeQuery(MATCH.formatted(score))
                .setParameter(1, SearchKeys.literal(keys.stream().mapToLong(Long::longValue).toArray()));
        int p = 2;
        for (long key : keys) {
            query.setParameter(p++, key);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        Map<Long, Long> scores = new HashMap<>();
        for (Object[] row : rows) {
            scores.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
        }
        return scores;
    }

    @Override
    void write(long post, List<IndexedTerm> terms, boolean replacing) {
        if (terms.isEmpty()) {
            if (replacing) {
                em.createNativeQuery("delete from fk_search_doc where post_id = ?1").setParameter(1, post)
                        .executeUpdate();
            }
            return;
        }
        upsert(Map.of(post, terms), replacing);
    }

    @Override
    void replaceWritten(Map<Long, List<IndexedTerm>> terms) {
        List<Long> empty = terms.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey)
                .toList();
        for (List<Long> chunk : chunks(empty)) {
            em.createNativeQuery("delete from fk_search_doc where post_id in (:posts)").setParameter("posts", chunk)
                    .executeUpdate();
        }
        Map<Long, List<IndexedTerm>> indexed = new LinkedHashMap<>(terms);
        indexed.values().removeIf(List::isEmpty);
        List<Long> posts = List.copyOf(indexed.keySet());
        for (int from = 0; from < posts.size(); from += DOCS_PER_INSERT) {
            Map<Long, List<IndexedTerm>> chunk = new LinkedHashMap<>();
            for (Long post : posts.subList(from, Math.min(posts.size(), from + DOCS_PER_INSERT))) {
                chunk.put(post, indexed.get(post));
            }
            upsert(chunk, true);
        }
    }

    /** One statement for the rows of every post given (each with terms): an upsert when {@code replacing}. */
    private void upsert(Map<Long, List<IndexedTerm>> terms, boolean replacing) {
        StringBuilder sql = new StringBuilder("insert into fk_search_doc (post_id, keys, heavy_keys, heavy_weights)"
                + " values ");
        List<Object> parameters = new ArrayList<>(terms.size() * 4);
        terms.forEach((post, postTerms) -> {
            SearchKeys.Doc doc = SearchKeys.doc(postTerms);
            sql.append(parameters.isEmpty() ? "" : ", ")
                    .append("(?, cast(? as bigint[]), cast(? as bigint[]), cast(? as integer[]))");
            parameters.add(post);
            parameters.add(SearchKeys.literal(doc.keys()));
            parameters.add(SearchKeys.literal(doc.heavyKeys()));
            parameters.add(SearchKeys.literal(doc.heavyWeights()));
        });
        if (replacing) {
            sql.append(" on conflict (post_id) do update set keys = excluded.keys, heavy_keys = excluded.heavy_keys,"
                    + " heavy_weights = excluded.heavy_weights");
        }
        // Plain JDBC: a reply's index row is written under the topic row's lock (WritePath).
        Jdbc.call(em, c -> {
            try (java.sql.PreparedStatement insert = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < parameters.size(); i++) {
                    insert.setObject(i + 1, parameters.get(i));
                }
                return insert.executeUpdate();
            }
        });
    }
}
