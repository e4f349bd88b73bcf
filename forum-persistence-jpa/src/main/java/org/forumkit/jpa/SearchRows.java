package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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

    /** Writes the terms of every post given in place of whatever terms they have, in few multi-row statements. */
    abstract void replaceWritten(Map<Long, List<IndexedTerm>> terms);

    /** {@code ids} in chunks of {@link #IDS_PER_QUERY}, for IN lists. */
    static List<List<Long>> chunks(List<Long> ids) {
        List<List<Long>> out = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            out.add(ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY)));
        }
        return out;
    }

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
        // The batch's id range first, from the primary key alone; then its rows by that range. One joined query with
        // a row limit let MariaDB start from the boards and sort every later post in a temporary table for each
        // batch (a re-index quadratic in the posts, and 100 posts/s at 100,000).
        List<Long> ids = em.createQuery("select p.id from ForumkitPost p where p.id > :after order by p.id", Long.class)
                .setParameter("after", after.map(PostId::value).orElse(0L))
                .setMaxResults(limit)
                .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Object[]> rows = em.createQuery("select p, t, b from ForumkitPost p, ForumkitTopic t, ForumkitBoard b"
                        + " where p.id between :first and :last and t.id = p.topicId and b.id = t.boardId order by p.id",
                        Object[].class)
                .setParameter("first", ids.get(0))
                .setParameter("last", ids.get(ids.size() - 1))
                .getResultList();
        List<PostEntity> postRows = rows.stream().map(row -> detach((PostEntity) row[0])).toList();
        List<Post> withQuotes = posts.withQuotes(postRows);
        List<PostInTopic> out = new ArrayList<>(rows.size());
        Map<Long, org.forumkit.model.Topic> topics = new HashMap<>();
        // The batch's boards with their counts: one more statement for all of them (the counts are in shard rows).
        Map<Long, BoardEntity> boardRows = new HashMap<>();
        rows.forEach(row -> boardRows.putIfAbsent(((BoardEntity) row[2]).id, detach((BoardEntity) row[2])));
        Map<Long, org.forumkit.model.Board> boards = new HashMap<>();
        posts.boards.withCounts(List.copyOf(boardRows.values())).forEach(b -> boards.put(b.id().value(), b));
        for (int i = 0; i < rows.size(); i++) {
            TopicEntity topic = (TopicEntity) rows.get(i)[1];
            org.forumkit.model.Topic mapped = topics.computeIfAbsent(topic.id, id -> Records.topic(detach(topic)));
            out.add(new PostInTopic(withQuotes.get(i), mapped, boards.get(topic.boardId)));
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

    /**
     * A re-index batch: one existence check per {@link #IDS_PER_QUERY} posts (a scalar query, so no entity joins
     * the persistence context for Hibernate to dirty-check before every later statement), then the subclass's
     * multi-row writes. Measured at 100,000 posts: see BENCHMARKS.md, "Search (issue 16)".
     */
    @Override
    public void replaceAll(Map<PostId, ? extends Collection<IndexedTerm>> terms) {
        TransactionNesting.checkWritable(writable);
        if (terms.isEmpty()) {
            return;
        }
        Map<Long, List<IndexedTerm>> byPost = new LinkedHashMap<>();
        terms.forEach((post, postTerms) -> byPost.put(post.value(), List.copyOf(postTerms)));
        Set<Long> existing = new HashSet<>();
        for (List<Long> chunk : chunks(List.copyOf(byPost.keySet()))) {
            existing.addAll(em.createQuery("select p.id from ForumkitPost p where p.id in :ids", Long.class)
                    .setParameter("ids", chunk).getResultList());
        }
        for (Long post : byPost.keySet()) {
            if (!existing.contains(post)) {
                throw new NotFoundException(NotFoundException.Kind.POST, new PostId(post));
            }
        }
        replaceWritten(byPost);
    }
}
