package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * The search index rows ({@code fk_search_term}): written with one multi-row insert per post, matched by one grouped
 * query that looks each term up by the primary key and joins the live post and topic rows for the filters.
 */
final class SearchRows extends Rows implements SearchIndexWriter {
    /** Rows per insert statement: 4 parameters each, well under every driver's parameter limit. */
    private static final int ROWS_PER_INSERT = 500;

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
        boolean newest = match.order() == SearchMatch.Order.NEWEST;
        StringBuilder jpql = new StringBuilder("select t.postId, p.topicId, sum(t.weight), p.createdAt"
                + " from ForumkitSearchTerm t, ForumkitPost p, ForumkitTopic tp"
                + " where t.term in :terms and p.id = t.postId and tp.id = p.topicId and p.state = 'VISIBLE'"
                + " and tp.boardId in :boards");
        if (match.titlesOnly()) {
            jpql.append(" and t.inTitle = true");
        }
        match.author().ifPresent(a -> jpql.append(" and p.authorId = :author"));
        match.topic().ifPresent(a -> jpql.append(" and p.topicId = :topic"));
        match.from().ifPresent(a -> jpql.append(" and p.createdAt >= :from"));
        match.to().ifPresent(a -> jpql.append(" and p.createdAt < :to"));
        if (newest && match.after().isPresent()) {
            jpql.append(" and (p.createdAt < :afterAt or (p.createdAt = :afterAt and p.id < :afterId))");
        }
        jpql.append(" group by t.postId, p.topicId, p.createdAt having count(distinct t.term) = :count");
        if (!newest && match.after().isPresent()) {
            jpql.append(" and (sum(t.weight) < :afterScore or (sum(t.weight) = :afterScore and t.postId < :afterId))");
        }
        jpql.append(newest ? " order by p.createdAt desc, t.postId desc" : " order by sum(t.weight) desc, t.postId desc");
        TypedQuery<Object[]> query = em.createQuery(jpql.toString(), Object[].class)
                .setParameter("terms", match.terms())
                .setParameter("boards", match.boards().stream().map(BoardId::value).toList())
                .setParameter("count", (long) match.terms().size())
                .setMaxResults(match.limit());
        match.author().ifPresent(a -> query.setParameter("author", a.value()));
        match.topic().ifPresent(t -> query.setParameter("topic", t.value()));
        match.from().ifPresent(f -> query.setParameter("from", micros(f)));
        match.to().ifPresent(t -> query.setParameter("to", micros(t)));
        match.after().ifPresent(after -> {
            query.setParameter("afterId", after.post().value());
            if (newest) {
                query.setParameter("afterAt", micros(after.createdAt()));
            } else {
                query.setParameter("afterScore", after.score());
            }
        });
        return query.getResultList().stream()
                .map(row -> new SearchCandidate(new PostId((Long) row[0]), new TopicId((Long) row[1]),
                        ((Number) row[2]).longValue(), (Instant) row[3]))
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
            throw new NotFoundException("post", post);
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
