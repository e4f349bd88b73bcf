package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.forumkit.NotFoundException;
import org.forumkit.model.BoardId;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.TopicId;
import org.forumkit.spi.store.IndexedTerm;
import org.forumkit.spi.store.PostInTopic;
import org.forumkit.spi.store.SearchCandidate;
import org.forumkit.spi.store.SearchIndexWriter;
import org.forumkit.spi.store.SearchMatch;
import org.forumkit.spi.store.TransactionNesting;

/**
 * The search index rows ({@code fk_search_term}): written with one multi-row insert per post; matched in two steps,
 * the newest {@link SearchMatch#SCANNED} entries of each term by the primary key, then the live post and topic rows
 * of the posts that have every term for the filters, so no query reads more than a bounded part of the index.
 */
final class SearchRows extends Rows implements SearchIndexWriter {
    /** Rows per insert statement: 4 parameters each, well under every driver's parameter limit. */
    private static final int ROWS_PER_INSERT = 500;
    /** Post ids per filter query: well under every driver's parameter limit. */
    private static final int IDS_PER_QUERY = 1_000;

    private final PostRows posts;
    private final boolean writable;

    SearchRows(EntityManager em, PostRows posts, boolean writable) {
        super(em);
        this.posts = posts;
        this.writable = writable;
    }

    @Override
    public List<SearchCandidate> match(SearchMatch match) {
        if (match.boards().isEmpty()) {
            return List.of();
        }
        // Step 1, the index alone: per term, its newest SCANNED entries by a range of the primary key (term first),
        // so a term found in every post costs the same as a rare one; then the posts that have every term. One
        // statement per term: with an IN list PostgreSQL may walk the post_id index instead (measured: 0.6 s vs 6 ms).
        Map<Long, Long> scores = new HashMap<>();
        Map<Long, Set<String>> termsOf = new HashMap<>();
        for (String term : match.terms()) {
            List<Object[]> entries = em.createQuery("select t.postId, t.weight from ForumkitSearchTerm t"
                            + " where t.term = :term" + (match.titlesOnly() ? " and t.inTitle = true" : "")
                            + " order by t.postId desc", Object[].class)
                    .setParameter("term", term)
                    .setMaxResults(SearchMatch.SCANNED)
                    .getResultList();
            for (Object[] entry : entries) {
                long post = (Long) entry[0];
                scores.merge(post, ((Number) entry[1]).longValue(), Long::sum);
                termsOf.computeIfAbsent(post, p -> new HashSet<>()).add(term);
            }
        }
        List<Long> posts = termsOf.entrySet().stream()
                .filter(e -> e.getValue().size() == match.terms().size()).map(Map.Entry::getKey).toList();
        // Step 2, the live rows: which of those posts are visible, in the boards and within the filters now.
        List<SearchCandidate> candidates = new ArrayList<>();
        for (int from = 0; from < posts.size(); from += IDS_PER_QUERY) {
            candidates.addAll(filtered(match, posts.subList(from, Math.min(posts.size(), from + IDS_PER_QUERY)),
                    scores));
        }
        Comparator<SearchCandidate> order = match.order().comparator();
        return candidates.stream()
                .filter(c -> match.after().map(after -> order.compare(c, after) > 0).orElse(true))
                .sorted(order)
                .limit(match.limit())
                .toList();
    }

    private List<SearchCandidate> filtered(SearchMatch match, List<Long> posts, Map<Long, Long> scores) {
        StringBuilder jpql = new StringBuilder("select p.id, p.topicId, p.createdAt from ForumkitPost p, ForumkitTopic tp"
                + " where p.id in :posts and tp.id = p.topicId and p.state = 'VISIBLE' and tp.boardId in :boards");
        match.author().ifPresent(a -> jpql.append(" and p.authorId = :author"));
        match.topic().ifPresent(a -> jpql.append(" and p.topicId = :topic"));
        match.from().ifPresent(a -> jpql.append(" and p.createdAt >= :from"));
        match.to().ifPresent(a -> jpql.append(" and p.createdAt < :to"));
        TypedQuery<Object[]> query = em.createQuery(jpql.toString(), Object[].class)
                .setParameter("posts", posts)
                .setParameter("boards", match.boards().stream().map(BoardId::value).toList());
        match.author().ifPresent(a -> query.setParameter("author", a.value()));
        match.topic().ifPresent(t -> query.setParameter("topic", t.value()));
        match.from().ifPresent(f -> query.setParameter("from", micros(f)));
        match.to().ifPresent(t -> query.setParameter("to", micros(t)));
        return query.getResultList().stream()
                .map(row -> new SearchCandidate(new PostId((Long) row[0]), new TopicId((Long) row[1]),
                        scores.get((Long) row[0]), (Instant) row[2]))
                .toList();
    }

    @Override
    public List<PostInTopic> postsInIdOrder(Optional<PostId> after, int limit) {
        if (limit < 1) {
            return List.of();
        }
        List<Object[]> rows = em.createQuery("select p, t, b from ForumkitPost p, ForumkitTopic t, ForumkitBoard b"
                        + " where p.id > :after and t.id = p.topicId and b.id = t.boardId order by p.id", Object[].class)
                .setParameter("after", after.map(PostId::value).orElse(0L))
                .setMaxResults(limit)
                .getResultList();
        List<PostEntity> postRows = rows.stream().map(row -> detach((PostEntity) row[0])).toList();
        List<Post> withQuotes = posts.withQuotes(postRows);
        List<PostInTopic> out = new ArrayList<>(rows.size());
        Map<Long, org.forumkit.model.Topic> topics = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            TopicEntity topic = (TopicEntity) rows.get(i)[1];
            BoardEntity board = (BoardEntity) rows.get(i)[2];
            org.forumkit.model.Topic mapped = topics.computeIfAbsent(topic.id, id -> Records.topic(detach(topic)));
            out.add(new PostInTopic(withQuotes.get(i), mapped, Records.board(detach(board))));
        }
        return out;
    }

    @Override
    public void add(PostId post, Collection<IndexedTerm> terms) {
        TransactionNesting.checkWritable(writable);
        insert(post, List.copyOf(terms));
    }

    @Override
    public void replace(PostId post, Collection<IndexedTerm> terms) {
        TransactionNesting.checkWritable(writable);
        if (em.find(PostEntity.class, post.value()) == null) {
            throw new NotFoundException(NotFoundException.Kind.POST, post);
        }
        em.createQuery("delete from ForumkitSearchTerm t where t.postId = :post")
                .setParameter("post", post.value())
                .executeUpdate();
        insert(post, List.copyOf(terms));
    }

    /** One statement per {@link #ROWS_PER_INSERT} terms: a reply's index costs one statement, not one per term. */
    private void insert(PostId post, List<IndexedTerm> terms) {
        for (int from = 0; from < terms.size(); from += ROWS_PER_INSERT) {
            List<IndexedTerm> chunk = terms.subList(from, Math.min(terms.size(), from + ROWS_PER_INSERT));
            StringBuilder sql = new StringBuilder("insert into fk_search_term (term, post_id, in_title, weight) values ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?)");
            }
            Query insert = em.createNativeQuery(sql.toString());
            int p = 1;
            for (IndexedTerm term : chunk) {
                insert.setParameter(p++, term.term());
                insert.setParameter(p++, post.value());
                insert.setParameter(p++, term.title());
                insert.setParameter(p++, term.weight());
            }
            insert.executeUpdate();
        }
    }
}
