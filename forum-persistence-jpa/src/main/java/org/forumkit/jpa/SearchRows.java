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
 * posts are filtered by state, board, author, topic and time, chunk by chunk in the match's order until its page is
 * full, so no query reads more than a bounded part of the index and a page filters about its own size. How the
 * index is laid out differs by database: {@link SearchTermRows} (a term table, MariaDB and H2) and
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

    /**
     * The candidates in the match's order after its cursor, as the index ranks them: the scores from step 1, and in
     * {@link SearchMatch.Order#NEWEST} the posts' times, one column read by primary key. Then step 2, the live rows
     * (state, board, author, topic, time), is asked of the next chunk of ranked posts only, starting at the page's
     * size and doubling, until the page is full or the ranked posts run out: a first page whose candidates are
     * mostly live filters about its own size, not every one of up to {@link SearchMatch#SCANNED}.
     */
    @Override
    public List<SearchCandidate> match(SearchMatch match) {
        if (match.boards().isEmpty()) {
            return List.of();
        }
        List<Ranked> ranked = ranked(match, scoredPosts(match));
        List<SearchCandidate> candidates = new ArrayList<>(Math.min(match.limit(), ranked.size()));
        int chunk = Math.min(IDS_PER_QUERY, match.limit());
        for (int from = 0; from < ranked.size() && candidates.size() < match.limit(); ) {
            List<Ranked> next = ranked.subList(from, Math.min(ranked.size(), from + chunk));
            Map<Long, Object[]> live = filtered(match, next.stream().map(Ranked::post).toList());
            for (Ranked post : next) {
                Object[] row = live.get(post.post());
                if (row != null && candidates.size() < match.limit()) {
                    candidates.add(new SearchCandidate(new PostId(post.post()), new TopicId((Long) row[1]),
                            post.score(), (Instant) row[2]));
                }
            }
            from += next.size();
            chunk = Math.min(IDS_PER_QUERY, chunk * 2);
        }
        return candidates;
    }

    /** A post the index proposes, with what orders it; {@code createdAt} only in NEWEST order. */
    private record Ranked(long post, long score, Instant createdAt) {
    }

    /** Step 1's posts in the match's order, those up to and including its cursor left out. */
    private List<Ranked> ranked(SearchMatch match, Map<Long, Long> scores) {
        boolean newest = match.order() == SearchMatch.Order.NEWEST;
        Map<Long, Instant> times = newest ? createdAt(List.copyOf(scores.keySet())) : Map.of();
        List<Ranked> ranked = new ArrayList<>(scores.size());
        scores.forEach((post, score) -> {
            Instant time = times.get(post);
            if (!newest || time != null) {
                ranked.add(new Ranked(post, score, time));
            }
        });
        Comparator<Ranked> order = newest
                ? Comparator.comparing(Ranked::createdAt).thenComparingLong(Ranked::post).reversed()
                : Comparator.comparingLong(Ranked::score).thenComparingLong(Ranked::post).reversed();
        ranked.sort(order);
        if (match.after().isEmpty()) {
            return ranked;
        }
        SearchCandidate cursor = match.after().get();
        Ranked after = new Ranked(cursor.post().value(), cursor.score(), cursor.createdAt());
        // the first post ordered after the cursor, by binary search over the sorted list
        int low = 0;
        int high = ranked.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (order.compare(ranked.get(mid), after) > 0) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return ranked.subList(low, ranked.size());
    }

    /** The time of each of {@code posts} that still exists: one column by primary key, no join. */
    Map<Long, Instant> createdAt(List<Long> posts) {
        Map<Long, Instant> times = new HashMap<>();
        for (List<Long> chunk : chunks(posts)) {
            for (Object[] row : em.createQuery("select p.id, p.createdAt from ForumkitPost p where p.id in :posts",
                    Object[].class).setParameter("posts", chunk).getResultList()) {
                times.put((Long) row[0], (Instant) row[1]);
            }
        }
        return times;
    }

    /** Step 2 for {@code posts}: the rows (id, topic id, time) of those visible in the boards and filters now. */
    private Map<Long, Object[]> filtered(SearchMatch match, List<Long> posts) {
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
        Map<Long, Object[]> live = new HashMap<>();
        for (Object[] row : query.getResultList()) {
            live.put((Long) row[0], row);
        }
        return live;
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
        return posts.inTopics(rows);
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
