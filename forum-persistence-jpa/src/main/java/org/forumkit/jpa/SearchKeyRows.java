package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.forumkit.spi.store.IndexedTerm;
import org.forumkit.spi.store.SearchMatch;

/**
 * The search index on PostgreSQL, {@code fk_search_doc}: one row per post holding its terms' {@link SearchKeys} in a
 * GIN-indexed {@code BIGINT[]} (migration V14). A post's keys are one insert (an upsert when replaced); a match finds
 * the newest {@link SearchMatch#SCANNED} posts that hold every key (one statement for one key, a walk of the newest
 * ids and then more of it or the GIN index for several), scored from their short {@code heavy_*} arrays (keys that
 * weigh 1 are not listed there).
 */
final class SearchKeyRows extends SearchRows {
    /**
     * The newest posts holding every key of the array literal, with their score (the first {@code %s}). Every key and
     * bound is a literal in the statement's text, never a parameter: PgJDBC prepares a statement on the server from
     * its fifth run, and PostgreSQL then keeps a generic plan, which cannot see how common a key is and took the GIN
     * bitmap for every query (民 at 100,000 posts: 192 ms, all 65,231 matches read and sorted, against 18 ms for the
     * backward walk that the plan for the literal takes). The literals are numbers the store computed.
     */
    private static final String MATCH = "select s.post_id, %s from (select post_id, heavy_keys, heavy_weights"
            + " from fk_search_doc where keys @> cast('%s' as bigint[]) order by post_id desc limit "
            + SearchMatch.SCANNED + ") s";

    /** {@link #MATCH} among the posts of ids up to a bound, at most a number: the GIN index or a walk, as planned. */
    private static final String MATCH_BELOW = "select s.post_id, %s from (select post_id, heavy_keys, heavy_weights"
            + " from fk_search_doc where keys @> cast('%s' as bigint[]) and post_id <= %d"
            + " order by post_id desc limit %d) s";

    /**
     * The posts of ids in a range (lo, hi] holding every key, at most a number, newest first; the
     * containment inside coalesce() is a filter no index serves, so this is a backward walk of the primary key.
     */
    private static final String WALK = "select s.post_id, %s from (select post_id, heavy_keys, heavy_weights"
            + " from fk_search_doc where coalesce(keys @> cast('%s' as bigint[]), false)"
            + " and post_id > %d and post_id <= %d order by post_id desc limit %d) s";

    /** Posts per multi-row upsert of a re-index batch: 4 parameters each. */
    private static final int DOCS_PER_INSERT = 250;

    SearchKeyRows(EntityManager em, PostRows posts, boolean writable) {
        super(em, posts, writable);
    }

    /**
     * Ids of the newest posts a multi-key match walks first, to measure how many posts hold its keys: 1,000 rows of
     * the newest, hot pages, before it chooses between walking on and the GIN index for the rest.
     */
    static final long FIRST_WINDOW = 1_000;

    /**
     * What reading a row through the GIN bitmap (a random heap page) costs against reading one by walking the primary
     * key backwards (the newest pages, in order): about 24 vs 5.4 µs a row, from the 1,000,000-post EXPLAIN ANALYZE in
     * BENCHMARKS.md (服务保障's bitmap, 民's walk; load 26); not tuned further.
     */
    private static final long GIN_ROW_COST = 4;

    @Override
    Map<Long, Long> scoredPosts(SearchMatch match) {
        Set<Long> keys = new LinkedHashSet<>();
        for (String term : match.terms()) {
            keys.add(match.titlesOnly() ? SearchKeys.titleKey(term) : SearchKeys.key(term));
        }
        Map<Long, Long> scores = new HashMap<>();
        if (keys.size() == 1) {
            // PostgreSQL estimates one key well (the array's element statistics): the GIN index for a rare key, a
            // backward walk of the primary key for a common one
            collect(scores, String.format(Locale.ROOT, MATCH, score(keys), literal(keys)));
            return scores;
        }
        // Several keys: PostgreSQL multiplies their frequencies as if independent, while a query's bigrams come from
        // one word (服务保障 at 1,000,000 posts: 3,605 expected, 63,953 found), so it takes the GIN bitmap and reads
        // every match's heap page to keep the newest 10,000. Instead the statement's shape is chosen here, from the
        // share of the newest posts that hold every key: a walk of the newest ids, then more of the walk or the
        // GIN index for what is older. Each walk is a range of ids with a filter no index can serve, so its cost
        // is its window, whatever the estimate.
        Object top = em.createNativeQuery("select max(post_id) from fk_search_doc").getSingleResult();
        if (top == null) {
            return scores;
        }
        long hi = ((Number) top).longValue();
        long lo = Math.max(0, hi - FIRST_WINDOW);
        collect(scores, String.format(Locale.ROOT, WALK, score(keys), literal(keys), lo, hi, SearchMatch.SCANNED));
        long needed = SearchMatch.SCANNED - scores.size();
        if (needed > 0 && lo > 0) {
            double density = (double) scores.size() / (hi - lo);
            double walkRows = density == 0 ? Double.MAX_VALUE : needed / density;
            double ginRows = density * lo;
            if (walkRows < lo && walkRows < GIN_ROW_COST * ginRows) {
                // common enough: walk on over about the ids that should hold what is missing, a quarter more
                long next = Math.max(0, lo - (long) Math.ceil(walkRows * 1.25));
                collect(scores, String.format(Locale.ROOT, WALK, score(keys), literal(keys), next, lo, needed));
                needed = SearchMatch.SCANNED - scores.size();
                lo = next;
            }
            if (needed > 0 && lo > 0) {
                collect(scores, String.format(Locale.ROOT, MATCH_BELOW, score(keys), literal(keys), lo, needed));
            }
        }
        return scores;
    }

    private static String literal(Set<Long> keys) {
        return SearchKeys.literal(keys.stream().mapToLong(Long::longValue).toArray());
    }

    /** A sum of array_position look-ups, one per key: half the cost of a subquery over unnest(). */
    private static String score(Set<Long> keys) {
        // measured at 100,000 posts, 10,000 candidates: 131 vs 230 ms on the loaded machine
        StringBuilder score = new StringBuilder();
        for (long key : keys) {
            score.append(score.isEmpty() ? "" : " + ")
                    .append("coalesce(s.heavy_weights[array_position(s.heavy_keys, cast(").append(key)
                    .append(" as bigint))], 1)");
        }
        return score.toString();
    }

    private void collect(Map<Long, Long> scores, String sql) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(sql).getResultList();
        for (Object[] row : rows) {
            scores.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
        }
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
