package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.forumkit.spi.store.IndexedTerm;
import org.forumkit.spi.store.SearchMatch;

/**
 * The term table {@code fk_search_term (term, post_id, in_title, weight)} (MariaDB, page-compressed there, and H2):
 * a post's terms are one multi-row insert; a match reads, per term, its newest {@link SearchMatch#SCANNED} entries
 * by a range of the primary key, which leads with the term, so a term found in every post costs no more than a rare
 * one, and keeps the posts found for every term.
 */
final class SearchTermRows extends SearchRows {
    /** Rows per insert statement: 4 parameters each, well under every driver's parameter limit. */
    private static final int ROWS_PER_INSERT = 500;

    SearchTermRows(EntityManager em, PostRows posts, boolean writable) {
        super(em, posts, writable);
    }

    @Override
    Map<Long, Long> scoredPosts(SearchMatch match) {
        // One statement per term: with an IN list PostgreSQL walked the post_id index instead (0.6 s vs 6 ms).
        Map<Long, Long> scores = new HashMap<>();
        Map<Long, Set<String>> termsOf = new HashMap<>();
        for (String term : match.terms()) {
            @SuppressWarnings("unchecked")
            List<Object[]> entries = em.createNativeQuery("select post_id, weight from fk_search_term where term = ?"
                            + (match.titlesOnly() ? " and in_title = true" : "") + " order by post_id desc")
                    .setParameter(1, term)
                    .setMaxResults(SearchMatch.SCANNED)
                    .getResultList();
            for (Object[] entry : entries) {
                long post = ((Number) entry[0]).longValue();
                scores.merge(post, ((Number) entry[1]).longValue(), Long::sum);
                termsOf.computeIfAbsent(post, p -> new HashSet<>()).add(term);
            }
        }
        scores.keySet().removeIf(post -> termsOf.get(post).size() != match.terms().size());
        return scores;
    }

    @Override
    void write(long post, List<IndexedTerm> terms, boolean replacing) {
        if (replacing) {
            em.createNativeQuery("delete from fk_search_term where post_id = ?").setParameter(1, post).executeUpdate();
        }
        List<Row> rows = new ArrayList<>(terms.size());
        for (IndexedTerm term : terms) {
            rows.add(new Row(post, term));
        }
        insert(rows);
    }

    @Override
    void replaceWritten(Map<Long, List<IndexedTerm>> terms) {
        for (List<Long> chunk : chunks(List.copyOf(terms.keySet()))) {
            em.createNativeQuery("delete from fk_search_term where post_id in (:posts)").setParameter("posts", chunk)
                    .executeUpdate();
        }
        List<Row> rows = new ArrayList<>();
        terms.forEach((post, postTerms) -> postTerms.forEach(term -> rows.add(new Row(post, term))));
        // In primary-key order, so a batch sweeps the term-first B-tree once instead of touching its leaves at
        // random: past the buffer pool (MariaDB's default 128 MB held the term table of ~60,000 posts) random
        // inserts read and write a leaf again for every term.
        rows.sort(Comparator.comparing((Row row) -> row.term().term()).thenComparingLong(Row::post)
                .thenComparing(row -> row.term().title()));
        insert(rows);
    }

    private record Row(long post, IndexedTerm term) {
    }

    /**
     * One statement per ROWS_PER_INSERT rows: a reply's index costs one statement, not one per term; plain JDBC, as a
     * reply's rows are written under the topic row's lock (WritePath).
     */
    private void insert(List<Row> rows) {
        Jdbc.call(em, c -> {
            for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
                List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
                StringBuilder sql = new StringBuilder(
                        "insert into fk_search_term (term, post_id, in_title, weight) values ");
                for (int i = 0; i < chunk.size(); i++) {
                    sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?)");
                }
                try (java.sql.PreparedStatement insert = c.prepareStatement(sql.toString())) {
                    int p = 1;
                    for (Row row : chunk) {
                        insert.setString(p++, row.term().term());
                        insert.setLong(p++, row.post());
                        insert.setBoolean(p++, row.term().title());
                        insert.setInt(p++, row.term().weight());
                    }
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }
}
