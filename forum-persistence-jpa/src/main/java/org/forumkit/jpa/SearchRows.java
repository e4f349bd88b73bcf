package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
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
 * The search index of the JPA store, matched in two steps: the index alone proposes the posts that have every term
 * (at most {@link SearchMatch#SCANNED} of the newest, with their scores), then the live post and topic rows of those
 * posts are filtered by state, board, author, topic and time, so no query reads more than a bounded part of the
 * index. How the index is laid out differs by database: {@link SearchTermRows} (a term table, MariaDB and H2) and
 * {@link SearchKeyRows} (one row of hashed keys per post, PostgreSQL).
 */
abstract class SearchRows extends Rows implements SearchIndexWriter {
    /** Post ids per filter query: well under every driver's parameter limit. */
    private static final int IDS_PER_QUERY = 1_000;

    private final PostRows posts;
    private final boolean writable;

    SearchRows(EntityManager em, PostRows posts, boolean writable) {
        super(em);
        this.posts = posts;
        this.writable = writable;
    }

    /** The index for the database behind {@code writePath}. */
    static SearchRows of(EntityManager em, PostRows posts, boolean writable, WritePath writePath) {
        return writePath.searchKeys() ? new SearchKeyRows(em, posts, writable) : new SearchTermRows(em, posts, writable);
    }

    /**
     * Step 1: the posts the index holds every term of (in titles when asked), newest first and at most
     * {@link SearchMatch#SCANNED}, with the sum of the matched terms' weights. A hashed index may add a post whose
     * terms only share a key with the query's: core re-checks every hit against its text.
     */
    abstract Map<Long, Long> scoredPosts(SearchMatch match);

    /** Writes the terms of {@code post}; with {@code replacing}, in place of whatever terms it has. */
    abstract void write(long post, List<IndexedTerm> terms, boolean replacing);

    @Override
    public List<SearchCandidate> match(SearchMatch match) {
        if (match.boards().isEmpty()) {
            return List.of();
        }
        Map<Long, Long> scores = scoredPosts(match);
        List<Long> posts = List.copyOf(scores.keySet());
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
        write(post.value(), List.copyOf(terms), false);
    }

    @Override
    public void replace(PostId post, Collection<IndexedTerm> terms) {
        TransactionNesting.checkWritable(writable);
        if (em.find(PostEntity.class, post.value()) == null) {
            throw new NotFoundException(NotFoundException.Kind.POST, post);
        }
        write(post.value(), List.copyOf(terms), true);
    }
}
