package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.HashMap;
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
        SearchKeys.Doc doc = SearchKeys.doc(terms);
        // Plain JDBC: a reply's index row is written under the topic row's lock (WritePath).
        Jdbc.call(em, c -> {
            try (java.sql.PreparedStatement insert = c.prepareStatement("insert into fk_search_doc (post_id, keys,"
                    + " heavy_keys, heavy_weights) values (?, cast(? as bigint[]), cast(? as bigint[]),"
                    + " cast(? as integer[]))"
                    + (replacing ? " on conflict (post_id) do update set keys = excluded.keys,"
                            + " heavy_keys = excluded.heavy_keys, heavy_weights = excluded.heavy_weights" : ""))) {
                insert.setLong(1, post);
                insert.setString(2, SearchKeys.literal(doc.keys()));
                insert.setString(3, SearchKeys.literal(doc.heavyKeys()));
                insert.setString(4, SearchKeys.literal(doc.heavyWeights()));
                insert.executeUpdate();
            }
            return null;
        });
    }
}
