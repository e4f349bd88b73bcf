package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
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
        // One statement per ROWS_PER_INSERT terms: a reply's index costs one statement, not one per term; plain JDBC,
        // as it runs under the topic row's lock (WritePath).
        Jdbc.call(em, c -> {
            for (int from = 0; from < terms.size(); from += ROWS_PER_INSERT) {
                List<IndexedTerm> chunk = terms.subList(from, Math.min(terms.size(), from + ROWS_PER_INSERT));
                StringBuilder sql = new StringBuilder(
                        "insert into fk_search_term (term, post_id, in_title, weight) values ");
                for (int i = 0; i < chunk.size(); i++) {
                    sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?)");
                }
                try (java.sql.PreparedStatement insert = c.prepareStatement(sql.toString())) {
                    int p = 1;
                    for (IndexedTerm term : chunk) {
                        insert.setString(p++, term.term());
                        insert.setLong(p++, post);
                        insert.setBoolean(p++, term.title());
                        insert.setInt(p++, term.weight());
                    }
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }
}
