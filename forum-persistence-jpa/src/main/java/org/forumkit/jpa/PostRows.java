package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.time.Instant;
import java.util.Optional;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.LastPost;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.PostState;
import org.forumkit.model.Quote;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.UserId;
import org.forumkit.spi.store.CounterDelta;
import org.forumkit.spi.store.IndexedTerm;
import org.forumkit.spi.store.NewPost;
import org.forumkit.spi.store.PostEdit;
import org.forumkit.spi.store.PostInTopic;
import org.forumkit.spi.store.SearchIndexWriter;
import org.forumkit.spi.store.WithBans;
import org.forumkit.spi.store.StoredTopicPage;

/**
 * The post rows ({@code fk_post}) on their floors, with their quote rows ({@code fk_quote}): topic pages, replies,
 * edits, state changes and the moderation queue. Appending a reply is one of the two hot writes, so its statements are
 * the {@link WritePath}'s.
 */
final class PostRows extends Rows {
    private final WritePath writePath;
    final BoardRows boards;
    /** The hot writes' first reads, as plain JDBC. */
    final Lookups lookups;
    /** The topic page, as plain JDBC. */
    final JdbcReads reads;

    PostRows(EntityManager em, WritePath writePath, BoardRows boards) {
        super(em);
        this.writePath = writePath;
        this.boards = boards;
        this.lookups = boards.lookups();
        this.reads = new JdbcReads(lookups, writePath.jdbc());
    }

    Optional<Post> post(PostId id) {
        PostEntity post = detach(em.find(PostEntity.class, id.value()));
        return post == null ? Optional.empty() : Optional.of(withQuotes(post));
    }

    /** The post with its topic and board: {@link Lookups#postInTopic} without a viewer (its quotes apart). */
    Optional<PostInTopic> postInTopic(PostId id) {
        return lookups.postInTopic(this, id.value(), Optional.empty(), Instant.now()).map(WithBans::found);
    }

    /**
     * {@link #postInTopic(PostId)} for many posts: per 1,000 ids one query for the rows, one for their quotes, one
     * for their boards' counter shards.
     */
    Map<PostId, PostInTopic> postsInTopic(Collection<PostId> ids) {
        Map<PostId, PostInTopic> found = new HashMap<>();
        List<Long> wanted = ids.stream().map(PostId::value).distinct().toList();
        for (List<Long> chunk : SearchRows.chunks(wanted)) {
            List<Object[]> rows = em.createQuery("select p, t, b from ForumkitPost p, ForumkitTopic t, ForumkitBoard b"
                            + " where p.id in :ids and t.id = p.topicId and b.id = t.boardId", Object[].class)
                    .setParameter("ids", chunk)
                    .getResultList();
            for (PostInTopic post : inTopics(rows)) {
                found.put(post.post().id(), post);
            }
        }
        return found;
    }

    /**
     * Rows of {@code select p, t, b} (a post, its topic, its board) as posts in their topics, in the same order: one
     * statement for the posts' quotes, one for the boards' counter shards.
     */
    List<PostInTopic> inTopics(List<Object[]> rows) {
        List<Post> withQuotes = withQuotes(rows.stream().map(row -> detach((PostEntity) row[0])).toList());
        List<Board> inBoards = boards.withCounts(rows.stream().map(row -> detach((BoardEntity) row[2])).toList());
        Map<Long, Topic> topics = new HashMap<>();
        List<PostInTopic> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            TopicEntity topic = (TopicEntity) rows.get(i)[1];
            out.add(new PostInTopic(withQuotes.get(i), topics.computeIfAbsent(topic.id,
                    id -> Records.topic(detach(topic))), inBoards.get(i)));
        }
        return out;
    }

    /**
     * The post, its topic and board and the viewer's bans as {@link TopicRows#topicInBoard(TopicId, Optional, Instant)};
     * its quotes apart, only when it has any.
     */
    Optional<WithBans<PostInTopic>> postInTopic(PostId id, Optional<UserId> viewer, Instant now) {
        return lookups.postInTopic(this, id.value(), viewer, now);
    }

    List<Post> postsByFloors(TopicId topic, Collection<Integer> floors) {
        List<Integer> wanted = floors.stream().filter(Objects::nonNull).filter(f -> f >= 1).distinct().toList();
        if (wanted.isEmpty()) {
            return List.of();
        }
        return withQuotes(list(em.createQuery(
                        "select p from ForumkitPost p where p.topicId = :topic and p.floor in :floors order by p.floor",
                        PostEntity.class)
                .setParameter("topic", topic.value())
                .setParameter("floors", wanted)));
    }

    /**
     * One page of a topic in two statements, read with plain JDBC on the transaction's connection ({@link JdbcReads}):
     * nothing of the page enters the persistence context, which was most of Hibernate's share of a served page.
     */
    Optional<StoredTopicPage> topicPage(TopicId topicId, TopicPageRequest request, Optional<UserId> viewer) {
        return reads.topicPage(em, topicId, request, viewer);
    }

    Post appendReply(NewPost reply) {
        // The topic row is the lock that allocates the floor: taken there, as late as the caller allows, and
        // before the post row is written (parent before child, so InnoDB's shared lock on the parent that the
        // child insert takes never meets a waiting counter update).
        return writePath.appendReply(this, boards, reply, topicOf(reply), reply.state() == PostState.VISIBLE);
    }

    /**
     * {@link #appendReply(NewPost)} and the post's search terms: on PostgreSQL its row of {@code fk_search_doc} in
     * the same statement, on MariaDB its term rows in the same procedure call, on H2 written by {@code search}
     * after it.
     */
    Post appendReply(NewPost reply, List<IndexedTerm> terms, SearchIndexWriter search) {
        return writePath.appendIndexedReply(this, boards, reply, topicOf(reply), reply.state() == PostState.VISIBLE,
                terms, search);
    }

    private static long topicOf(NewPost reply) {
        if (reply.topicId() == null) {
            throw new NotFoundException(Kind.TOPIC, null);
        }
        return reply.topicId().value();
    }

    /** Inserts a post row and its quote rows; the caller holds the topic row's lock. */
    Post insertPost(long topicId, int floor, NewPost post) {
        PostEntity row = new PostEntity();
        row.topicId = topicId;
        row.floor = floor;
        row.authorId = post.author().id().value();
        row.authorName = post.author().displayName();
        row.createdAt = micros(post.createdAt());
        row.revision = 1;
        row.body = post.body();
        row.format = post.format().name();
        row.html = post.html();
        row.renderer = post.renderer();
        row.state = post.state().name();
        row.replyToFloor = post.replyToFloor();
        em.persist(row);
        em.flush();
        detach(row);
        return Records.post(row, insertQuotes(row.id, post.quotes()));
    }

    /** Inserts the quote rows of a new post, in order; returns the quotes as stored. */
    List<Quote> insertQuotes(long postId, List<Quote> snapshots) {
        List<QuoteEntity> quotes = new ArrayList<>();
        for (int i = 0; i < snapshots.size(); i++) {
            Quote quote = snapshots.get(i);
            QuoteEntity q = new QuoteEntity();
            q.postId = postId;
            q.position = i;
            q.sourcePostId = quote.sourcePostId().value();
            q.sourceFloor = quote.sourceFloor();
            q.sourceAuthorId = quote.sourceAuthor().id().value();
            q.sourceAuthorName = quote.sourceAuthor().displayName();
            q.sourcePostedAt = micros(quote.sourcePostedAt());
            q.sourceRevision = quote.sourceRevision();
            q.excerpt = quote.excerpt();
            q.whole = quote.whole();
            q.truncated = quote.truncated();
            em.persist(q);
            quotes.add(q);
        }
        if (!quotes.isEmpty()) {
            em.flush();
            quotes.forEach(this::detach);
        }
        return quotes.stream().map(Records::quote).toList();
    }

    Post editPost(PostId id, PostEdit edit) {
        int updated = em.createQuery("update ForumkitPost p set p.body = :body, p.format = :format, p.html = :html,"
                        + " p.renderer = :renderer, p.editedAt = :at, p.revision = p.revision + 1 where p.id = :id")
                .setParameter("body", edit.body())
                .setParameter("format", edit.format().name())
                .setParameter("html", edit.html())
                .setParameter("renderer", edit.renderer())
                .setParameter("at", micros(edit.editedAt()))
                .setParameter("id", id.value())
                .executeUpdate();
        if (updated == 0) {
            throw new NotFoundException(Kind.POST, id);
        }
        return post(id).orElseThrow();
    }

    Post changePostState(PostId id, PostState state) {
        List<Object[]> found = em.createQuery("select p.state, p.floor, p.topicId, t.boardId"
                        + " from ForumkitPost p, ForumkitTopic t where p.id = :id and t.id = p.topicId", Object[].class)
                .setParameter("id", id.value())
                .getResultList();
        if (found.isEmpty()) {
            throw new NotFoundException(Kind.POST, id);
        }
        PostState before = PostState.valueOf((String) found.get(0)[0]);
        int floor = (Integer) found.get(0)[1];
        long topicId = (Long) found.get(0)[2];
        long boardId = (Long) found.get(0)[3];
        if (before == state) {
            return post(id).orElseThrow();
        }
        CounterDelta counts = CounterDelta.ofChange(floor, before, state);
        if (counts.replies() != 0) {
            // The topic row first, as everywhere else (parent before child).
            em.createQuery("update ForumkitTopic t set t.replies = t.replies + :delta where t.id = :id")
                    .setParameter("delta", counts.replies())
                    .setParameter("id", topicId)
                    .executeUpdate();
        }
        // Conditional on the state read above: if another transaction changed it since, the counters moved
        // for the wrong transition, so the whole work runs again.
        int updated = em.createQuery("update ForumkitPost p set p.state = :state where p.id = :id and p.state = :before")
                .setParameter("state", state.name())
                .setParameter("id", id.value())
                .setParameter("before", before.name())
                .executeUpdate();
        if (updated == 0) {
            throw new SqlErrors.RaceDetected("post " + id + " changed state concurrently");
        }
        if (counts.posts() != 0) {
            boards.addPostCount(boardId, topicId, counts.posts());
        }
        return post(id).orElseThrow();
    }

    List<Post> pendingPosts(BoardId board, Optional<PostId> after, int limit) {
        if (limit < 1) {
            return List.of();
        }
        TypedQuery<PostEntity> query = em.createQuery("select p from ForumkitPost p, ForumkitTopic t"
                        + " where p.state = :state and t.id = p.topicId and t.boardId = :board"
                        + (after.isPresent() ? " and p.id > :after" : "") + " order by p.id", PostEntity.class)
                .setParameter("state", PostState.PENDING.name())
                .setParameter("board", board.value())
                .setMaxResults(limit);
        after.ifPresent(a -> query.setParameter("after", a.value()));
        return withQuotes(list(query));
    }

    long pendingPostCount(BoardId board) {
        return em.createQuery("select count(p) from ForumkitPost p, ForumkitTopic t"
                        + " where p.state = :state and t.id = p.topicId and t.boardId = :board", Long.class)
                .setParameter("state", PostState.PENDING.name())
                .setParameter("board", board.value())
                .getSingleResult();
    }

    long visibleCount(long topicId) {
        return em.createQuery("select count(p) from ForumkitPost p where p.topicId = :topic and p.state = :state",
                        Long.class)
                .setParameter("topic", topicId)
                .setParameter("state", PostState.VISIBLE.name())
                .getSingleResult();
    }

    /** The visible post of a topic on the highest floor, as a board's last post. */
    Optional<LastPost> newestVisiblePost(TopicId topic) {
        return first(em.createQuery("select p from ForumkitPost p where p.topicId = :topic"
                        + " and p.state = :state order by p.floor desc", PostEntity.class)
                .setParameter("topic", topic.value())
                .setParameter("state", PostState.VISIBLE.name()))
                .map(p -> new LastPost(TopicId.of(p.topicId), PostId.of(p.id), p.floor,
                        Records.author(p.authorId, p.authorName), p.createdAt));
    }

    private Post withQuotes(PostEntity post) {
        return Records.post(post, quotesOf(List.of(post.id)).getOrDefault(post.id, List.of()));
    }

    List<Post> withQuotes(List<PostEntity> posts) {
        Map<Long, List<Quote>> quotes = quotesOf(posts.stream().map(p -> p.id).toList());
        return posts.stream().map(p -> Records.post(p, quotes.getOrDefault(p.id, List.of()))).toList();
    }

    /** The quotes of the given posts, in the order they were written. */
    private Map<Long, List<Quote>> quotesOf(List<Long> postIds) {
        if (postIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, List<Quote>> quotes = new HashMap<>();
        for (QuoteEntity q : list(em.createQuery(
                        "select q from ForumkitQuote q where q.postId in :ids order by q.postId, q.position",
                        QuoteEntity.class)
                .setParameter("ids", postIds))) {
            quotes.computeIfAbsent(q.postId, k -> new ArrayList<>()).add(Records.quote(q));
        }
        return quotes;
    }
}
