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
 * the newest {@link SearchMatch#SCANNED} posts that hold every key (one statement for one key; for several a walk of
 * the newest ids, then a range of older ids or the GIN index), scored from their short {@code heavy_*} arrays (keys
 * that weigh 1 are not listed there).
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

    /**
     * {@link #MATCH} among the posts of ids in a range (lo, hi], at most a number. Bounded by the range, whichever plan
     * PostgreSQL takes: the GIN bitmap ANDed with the primary key's range, for keys it takes for rare (服务保障 at
     * 1,000,000 posts: 75-80 ms for its newest 9,936 matches, against 145-307 ms walking the same 194,000 ids), or
     * the backward walk, for keys it knows are common (社会工作, 77 % of posts: 15-18 ms, as the walk).
     */
    private static final String MATCH_BETWEEN = "select s.post_id, %s from (select post_id, heavy_keys, heavy_weights"
            + " from fk_search_doc where keys @> cast('%s' as bigint[]) and post_id > %d and post_id <= %d"
            + " order by post_id desc limit %d) s";

    /** Posts per multi-row upsert of a re-index batch: 4 parameters each. */
    private static final int DOCS_PER_INSERT = 250;

    SearchKeyRows(EntityManager em, PostRows posts, boolean writable) {
        super(em, posts, writable);
    }

    /**
     * Ids of the newest posts a multi-key match walks first, to measure how many posts hold its keys: 1,000 rows of
     * the newest, hot pages, before it sizes the range of older ids to read next.
     */
    static final long FIRST_WINDOW = 1_000;

    /** Fewer matches than this in the first window say too little of how common the match is: walk a second. */
    static final int MIN_SAMPLE = 20;

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
        // share of the newest posts that hold every key: a walk of the newest ids (a range of ids with a filter no
        // index can serve, so its cost is its window, whatever the estimate), then a range of older ids sized from
        // that share, then the GIN index for whatever is still missing.
        Object top = em.createNativeQuery("select max(post_id) from fk_search_doc").getSingleResult();
        if (top == null) {
            return scores;
        }
        long hi = ((Number) top).longValue();
        long lo = Math.max(0, hi - FIRST_WINDOW);
        collect(scores, String.format(Locale.ROOT, WALK, score(keys), literal(keys), lo, hi, SearchMatch.SCANNED));
        if (scores.size() < MIN_SAMPLE && lo > 0) {
            // too few to tell a rare match from a common one that the newest posts lack (a burst of replies without
            // the word): a second window, eight times the first, before choosing
            long below = Math.max(0, lo - 8 * FIRST_WINDOW);
            collect(scores, String.format(Locale.ROOT, WALK, score(keys), literal(keys), below, lo,
                    SearchMatch.SCANNED - scores.size()));
            lo = below;
        }
        long needed = SearchMatch.SCANNED - scores.size();
        if (needed > 0 && lo > 0 && !scores.isEmpty()) {
            // on over about the ids that should hold what is missing at the density measured, a quarter more: the
            // range bounds the statement, and PostgreSQL walks it (keys it knows are common) or takes the GIN bitmap
            // within it, which reads only the range's matches where the GIN index alone reads and sorts them all
            double density = (double) scores.size() / (hi - lo);
            long next = Math.max(0, lo - (long) Math.ceil(needed / density * 1.25));
            collect(scores, String.format(Locale.ROOT, MATCH_BETWEEN, score(keys), literal(keys), next, lo, needed));
            needed = SearchMatch.SCANNED - scores.size();
            lo = next;
        }
        if (needed > 0 && lo > 0) {
            collect(scores, String.format(Locale.ROOT, MATCH_BELOW, score(keys), literal(keys), lo, needed));
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
