package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.model.AuditAction;
import org.forumkit.model.AuditEntry;
import org.forumkit.model.AuditId;
import org.forumkit.model.Author;
import org.forumkit.model.Ban;
import org.forumkit.model.BanId;
import org.forumkit.model.BanKind;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.BoardKind;
import org.forumkit.model.BoardModeration;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.CreditEntry;
import org.forumkit.model.CreditEntryId;
import org.forumkit.model.CreditEvent;
import org.forumkit.model.LastPost;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.PostRevision;
import org.forumkit.model.PostState;
import org.forumkit.model.Quote;
import org.forumkit.model.Report;
import org.forumkit.model.ReportId;
import org.forumkit.model.ReportReason;
import org.forumkit.model.Resolution;
import org.forumkit.model.SourceState;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicCursor;
import org.forumkit.model.TopicId;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.UserId;
import org.forumkit.model.VoteChange;
import org.forumkit.model.VoteKind;
import org.forumkit.spi.store.AuditFilter;
import org.forumkit.spi.store.DuplicateKeyException;
import org.forumkit.spi.store.FiledReport;
import org.forumkit.spi.store.NewAuditEntry;
import org.forumkit.spi.store.NewBan;
import org.forumkit.spi.store.NewBoard;
import org.forumkit.spi.store.NewCreditEntry;
import org.forumkit.spi.store.NewPost;
import org.forumkit.spi.store.NewReport;
import org.forumkit.spi.store.NewTopic;
import org.forumkit.spi.store.PostingWindow;
import org.forumkit.spi.store.PostEdit;
import org.forumkit.spi.store.PostInTopic;
import org.forumkit.spi.store.StartedTopic;
import org.forumkit.spi.store.StoreTransaction;
import org.forumkit.spi.store.StoredTopicPage;
import org.forumkit.spi.store.TopicInBoard;

/**
 * One store transaction on an entity manager. Entities are only carriers: every entity read is detached at
 * once (so a later read in the same transaction never returns a stale managed instance after a bulk update),
 * and every counter moves through a bulk {@code x = x + delta} update issued in a deliberate order, parent row
 * before child rows, with explicit flushes, so no provider flush ordering can interleave them.
 */
final class JpaStoreTransaction implements StoreTransaction {
    /** Topics per view-count statement; one statement per chunk keeps the IN list and CASE within every database's limits. */
    static final int VIEWS_PER_STATEMENT = 500;

    private final EntityManager em;
    private final JpaTransactions.Scope scope;
    private final boolean writable;
    private final boolean updateReturning;

    JpaStoreTransaction(EntityManager em, JpaTransactions.Scope scope, boolean writable, boolean updateReturning) {
        this.em = em;
        this.scope = scope;
        this.writable = writable;
        this.updateReturning = updateReturning;
    }

    // ---- reads ----

    @Override
    public Optional<Board> board(BoardId id) {
        return Optional.ofNullable(detach(em.find(BoardEntity.class, id.value()))).map(JpaStoreTransaction::board);
    }

    @Override
    public Optional<Board> boardBySlug(String slug) {
        return first(em.createQuery("select b from ForumkitBoard b where b.slug = :slug", BoardEntity.class)
                .setParameter("slug", slug)).map(JpaStoreTransaction::board);
    }

    @Override
    public List<Board> boards() {
        return list(em.createQuery("select b from ForumkitBoard b order by b.position, b.id", BoardEntity.class))
                .stream().map(JpaStoreTransaction::board).toList();
    }

    @Override
    public Optional<Topic> topic(TopicId id) {
        return Optional.ofNullable(detach(em.find(TopicEntity.class, id.value()))).map(JpaStoreTransaction::topic);
    }

    @Override
    public Optional<TopicInBoard> topicInBoard(TopicId id) {
        List<Object[]> rows = em.createQuery("select t, b from ForumkitTopic t, ForumkitBoard b"
                        + " where t.id = :id and b.id = t.boardId", Object[].class)
                .setParameter("id", id.value())
                .getResultList();
        return rows.stream().findFirst().map(row -> new TopicInBoard(topic(detach((TopicEntity) row[0])),
                board(detach((BoardEntity) row[1]))));
    }

    @Override
    public Optional<PostInTopic> postInTopic(PostId id) {
        List<Object[]> rows = em.createQuery("select p, t, b from ForumkitPost p, ForumkitTopic t, ForumkitBoard b"
                        + " where p.id = :id and t.id = p.topicId and b.id = t.boardId", Object[].class)
                .setParameter("id", id.value())
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        PostEntity post = detach((PostEntity) rows.get(0)[0]);
        return Optional.of(new PostInTopic(post(post, quotesOf(List.of(post.id)).getOrDefault(post.id, List.of())),
                topic(detach((TopicEntity) rows.get(0)[1])), board(detach((BoardEntity) rows.get(0)[2]))));
    }

    @Override
    public Optional<Topic> topicByExternalKey(BoardId board, String externalKey) {
        return first(em.createQuery(
                        "select t from ForumkitTopic t where t.boardId = :board and t.externalKey = :key", TopicEntity.class)
                .setParameter("board", board.value())
                .setParameter("key", externalKey)).map(JpaStoreTransaction::topic);
    }

    @Override
    public Optional<Post> post(PostId id) {
        PostEntity post = detach(em.find(PostEntity.class, id.value()));
        if (post == null) {
            return Optional.empty();
        }
        return Optional.of(post(post, quotesOf(List.of(post.id)).getOrDefault(post.id, List.of())));
    }

    @Override
    public List<Post> postsByFloors(TopicId topic, Collection<Integer> floors) {
        List<Integer> wanted = floors.stream().filter(Objects::nonNull).filter(f -> f >= 1).distinct().toList();
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<PostEntity> posts = list(em.createQuery(
                        "select p from ForumkitPost p where p.topicId = :topic and p.floor in :floors order by p.floor",
                        PostEntity.class)
                .setParameter("topic", topic.value())
                .setParameter("floors", wanted));
        Map<Long, List<Quote>> quotes = quotesOf(posts.stream().map(p -> p.id).toList());
        return posts.stream().map(p -> post(p, quotes.getOrDefault(p.id, List.of()))).toList();
    }

    @Override
    public Optional<StoredTopicPage> topicPage(TopicId topicId, TopicPageRequest request, Optional<UserId> viewer) {
        // 1: the topic with its board, and the viewer's bans there that are not lifted (one row per ban).
        List<Object[]> header = em.createQuery("select t, b, x from ForumkitTopic t join ForumkitBoard b on b.id = t.boardId"
                        + " left join ForumkitBan x on x.userId = :viewer and x.liftedAt is null"
                        + " and (x.boardId is null or x.boardId = t.boardId)"
                        + " where t.id = :id order by x.id", Object[].class)
                .setParameter("id", topicId.value())
                .setParameter("viewer", viewer.map(UserId::value).orElse(""))
                .getResultList();
        if (header.isEmpty()) {
            return Optional.empty();
        }
        TopicEntity topic = detach((TopicEntity) header.get(0)[0]);
        BoardEntity board = detach((BoardEntity) header.get(0)[1]);
        List<Ban> viewerBans = header.stream().filter(row -> row[2] != null)
                .map(row -> ban(detach((BanEntity) row[2]))).toList();

        // 2: a floor range (keyset on the unique (topic_id, floor) index), never an offset.
        String onlyAuthor = request.optionalOnlyAuthor().map(UserId::value).orElse(null);
        // Floors are gap-free, so without an author filter the page is exactly [from, from + size): a bounded range
        // every database reads from the index, at any depth (an open-ended one may be planned as a scan + sort).
        TypedQuery<PostEntity> postsQuery = em.createQuery("select p from ForumkitPost p where p.topicId = :topic"
                        + " and p.floor >= :from" + (onlyAuthor == null ? " and p.floor < :to" : " and p.authorId = :author")
                        + " order by p.floor", PostEntity.class)
                .setParameter("topic", topicId.value())
                .setParameter("from", request.fromFloor())
                .setMaxResults(request.size());
        if (onlyAuthor != null) {
            postsQuery.setParameter("author", onlyAuthor);
        } else {
            postsQuery.setParameter("to", (int) Math.min(Integer.MAX_VALUE, (long) request.fromFloor() + request.size()));
        }
        List<PostEntity> posts = list(postsQuery);
        List<Long> ids = posts.stream().map(p -> p.id).toList();

        // 3: the quotes of those posts, each with its source's current revision and state.
        Map<Long, List<Quote>> quotes = new HashMap<>();
        Map<PostId, SourceState> sources = new HashMap<>();
        if (!ids.isEmpty()) {
            List<Object[]> rows = em.createQuery("select q, s.revision, s.state from ForumkitQuote q, ForumkitPost s"
                            + " where q.postId in :ids and s.id = q.sourcePostId order by q.postId, q.position",
                            Object[].class)
                    .setParameter("ids", ids)
                    .getResultList();
            for (Object[] row : rows) {
                QuoteEntity quote = detach((QuoteEntity) row[0]);
                quotes.computeIfAbsent(quote.postId, k -> new ArrayList<>()).add(quote(quote));
                sources.put(PostId.of(quote.sourcePostId),
                        new SourceState((Integer) row[1], PostState.valueOf((String) row[2])));
            }
        }

        // 4: the viewer's own votes on them (none for anonymous viewers).
        Map<PostId, VoteKind> votes = new HashMap<>();
        if (viewer.isPresent() && !ids.isEmpty()) {
            em.createQuery("select v.postId, v.kind from ForumkitVote v where v.voter = :voter and v.postId in :ids",
                            Object[].class)
                    .setParameter("voter", viewer.get().value())
                    .setParameter("ids", ids)
                    .getResultList()
                    .forEach(row -> votes.put(PostId.of((Long) row[0]), VoteKind.valueOf((String) row[1])));
        }
        List<Post> page = posts.stream().map(p -> post(p, quotes.getOrDefault(p.id, List.of()))).toList();
        return Optional.of(new StoredTopicPage(board(board), topic(topic), page, votes, sources, viewerBans));
    }

    @Override
    public List<Topic> topics(BoardId board, Optional<TopicCursor> after, int limit) {
        if (limit < 1) {
            return List.of();
        }
        // Keyset on (pin_level desc, last_post_at desc, id desc), written so the listing index gives the scan a
        // start: past the pinned topics (pin level 0, where nearly all deep pages are) as a range on
        // (board_id, pin_level, last_post_at); within the few pinned ones, bounded by pin level.
        String keyset = after.isEmpty() ? ""
                : after.get().pinLevel() == 0
                        ? " and t.pinLevel = 0 and t.lastPostAt <= :at and (t.lastPostAt < :at or t.id < :id)"
                        : " and t.pinLevel <= :pin and (t.pinLevel < :pin or t.lastPostAt < :at"
                                + " or (t.lastPostAt = :at and t.id < :id))";
        TypedQuery<TopicEntity> query = em.createQuery("select t from ForumkitTopic t where t.boardId = :board"
                        + keyset + " order by t.pinLevel desc, t.lastPostAt desc, t.id desc", TopicEntity.class)
                .setParameter("board", board.value())
                .setMaxResults(limit);
        after.ifPresent(cursor -> {
            if (cursor.pinLevel() != 0) {
                query.setParameter("pin", cursor.pinLevel());
            }
            query.setParameter("at", micros(cursor.lastPostAt()))
                    .setParameter("id", cursor.topicId().value());
        });
        return list(query).stream().map(JpaStoreTransaction::topic).toList();
    }

    @Override
    public Optional<VoteKind> vote(PostId post, UserId voter) {
        VoteEntity vote = detach(em.find(VoteEntity.class, new VoteEntity.Key(post.value(), voter.value())));
        return Optional.ofNullable(vote).map(v -> VoteKind.valueOf(v.kind));
    }

    @Override
    public Map<UserId, VoteKind> votes(PostId post) {
        Map<UserId, VoteKind> votes = new LinkedHashMap<>();
        em.createQuery("select v.voter, v.kind from ForumkitVote v where v.postId = :post order by v.voter",
                        Object[].class)
                .setParameter("post", post.value())
                .getResultList()
                .forEach(row -> votes.put(UserId.of((String) row[0]), VoteKind.valueOf((String) row[1])));
        return Map.copyOf(votes);
    }

    // ---- writes ----

    @Override
    public Board insertBoard(NewBoard board) {
        checkWritable();
        if (boardBySlug(board.slug()).isPresent()) {
            throw duplicateSlug(board.slug(), null);
        }
        if (board.parentId() != null && board(board.parentId()).isEmpty()) {
            throw new NotFoundException(Kind.BOARD, board.parentId());
        }
        BoardEntity row = new BoardEntity();
        row.parentId = board.parentId() == null ? null : board.parentId().value();
        row.kind = board.kind().name();
        row.slug = board.slug();
        row.name = board.name();
        row.description = board.description();
        row.position = board.position();
        row.moderators = JsonText.userIds(board.moderators());
        row.topicTypes = JsonText.strings(board.topicTypes());
        row.accessPolicy = JsonText.policy(board.policy());
        row.moderation = JsonText.moderation(board.moderation());
        try {
            em.persist(row);
            em.flush();
        } catch (PersistenceException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw duplicateSlug(board.slug(), e);
            }
            if (SqlErrors.isForeignKeyViolation(e)) {
                throw new NotFoundException(Kind.BOARD, board.parentId());
            }
            throw e;
        }
        return board(detach(row));
    }

    private static DuplicateKeyException duplicateSlug(String slug, Throwable cause) {
        return new DuplicateKeyException("board.slug", "a board with slug '" + slug + "' exists", cause);
    }

    @Override
    public StartedTopic insertTopic(NewTopic topic, NewPost opening) {
        checkWritable();
        if (topic.externalKey() != null && topicByExternalKey(topic.boardId(), topic.externalKey()).isPresent()) {
            throw duplicateExternalKey(topic, null);
        }
        boolean visible = opening.state() == PostState.VISIBLE;
        // Parent first: the board row is locked before any child row is written.
        int boards = em.createQuery("update ForumkitBoard b set b.topicCount = b.topicCount + 1,"
                        + " b.postCount = b.postCount + :posts where b.id = :board")
                .setParameter("posts", visible ? 1L : 0L)
                .setParameter("board", topic.boardId().value())
                .executeUpdate();
        if (boards == 0) {
            throw new NotFoundException(Kind.BOARD, topic.boardId());
        }
        TopicEntity row = new TopicEntity();
        row.boardId = topic.boardId().value();
        row.title = topic.title();
        row.type = topic.type();
        row.authorId = topic.author().id().value();
        row.authorName = topic.author().displayName();
        row.createdAt = micros(topic.createdAt());
        row.externalKey = topic.externalKey();
        row.highestFloor = 1;
        row.lastPostAt = micros(opening.createdAt());
        row.lastPostById = opening.author().id().value();
        row.lastPostByName = opening.author().displayName();
        try {
            em.persist(row);
            em.flush();
        } catch (PersistenceException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw duplicateExternalKey(topic, e);
            }
            throw e;
        }
        detach(row);
        Post post = insertPost(row.id, 1, opening);
        if (visible) {
            setBoardLastPost(row.boardId, post);
        }
        return new StartedTopic(topic(row), post);
    }

    private static DuplicateKeyException duplicateExternalKey(NewTopic topic, Throwable cause) {
        return new DuplicateKeyException("topic.externalKey",
                "board " + topic.boardId() + " has a topic for '" + topic.externalKey() + "'", cause);
    }

    @Override
    public Post appendReply(NewPost reply) {
        checkWritable();
        if (reply.topicId() == null) {
            throw new NotFoundException(Kind.TOPIC, null);
        }
        long topicId = reply.topicId().value();
        boolean visible = reply.state() == PostState.VISIBLE;
        // The topic row is the lock that allocates the floor: taken here, as late as the caller allows, and
        // before the post row is written (parent before child, so InnoDB's shared lock on the parent that the
        // child insert takes never meets a waiting counter update).
        if (updateReturning) {
            return appendInOneStatement(reply, topicId, visible);
        }
        Object[] allocated = allocate(reply, topicId, visible);
        Post post = insertPost(topicId, (Integer) allocated[0], reply);
        if (visible) {
            setBoardLastPost((Long) allocated[1], post);
        }
        return post;
    }

    /**
     * PostgreSQL: the floor allocation, the post row and the board's counters in ONE statement (data-modifying
     * CTEs, parent rows first), so the topic row lock is held for a single round trip and the commit, which is what
     * bounds a hot topic's throughput. Quotes, when there are any, follow in their own statement.
     */
    private Post appendInOneStatement(NewPost reply, long topicId, boolean visible) {
        String sql = visible
                ? "with t as (update fk_topic set highest_floor = highest_floor + 1, replies = replies + 1,"
                        + " last_post_at = ?1, last_post_by_id = ?2, last_post_by_name = ?3 where id = ?4"
                        + " returning id, highest_floor, board_id),"
                        + " p as (" + INSERT_FROM_T + "),"
                        + " b as (update fk_board set post_count = post_count + 1,"
                        + " last_topic_id = (select topic_id from p), last_post_id = (select id from p),"
                        + " last_post_floor = (select floor from p), last_post_author_id = ?2,"
                        + " last_post_author_name = ?3, last_post_at = ?1 where id = (select board_id from t))"
                        + " select id, floor from p"
                : "with t as (update fk_topic set highest_floor = highest_floor + 1 where id = ?4"
                        + " returning id, highest_floor, board_id),"
                        + " p as (" + INSERT_FROM_T + ")"
                        + " select id, floor from p";
        var query = em.createNativeQuery(sql)
                .setParameter(1, micros(reply.createdAt()))
                .setParameter(2, reply.author().id().value())
                .setParameter(3, reply.author().displayName())
                .setParameter(4, topicId)
                .setParameter(5, reply.body())
                .setParameter(6, reply.format().name())
                .setParameter(7, reply.html())
                .setParameter(8, reply.renderer())
                .setParameter(9, reply.state().name())
                .setParameter(10, reply.replyToFloor() == null ? -1 : reply.replyToFloor());
        List<?> rows = query.getResultList();
        if (rows.isEmpty()) {
            throw new NotFoundException(Kind.TOPIC, reply.topicId());
        }
        Object[] row = (Object[]) rows.get(0);
        long id = ((Number) row[0]).longValue();
        int floor = ((Number) row[1]).intValue();
        List<Quote> quotes = insertQuotes(id, reply.quotes());
        return new Post(PostId.of(id), reply.topicId(), floor, reply.author(), micros(reply.createdAt()), null, 1,
                reply.body(), reply.format(), reply.html(), reply.renderer(), reply.state(), reply.replyToFloor(),
                0, 0, quotes);
    }

    /** The post row of {@link #appendInOneStatement}, numbered from the updated topic row {@code t}. */
    private static final String INSERT_FROM_T = "insert into fk_post (topic_id, floor, author_id, author_name,"
            + " created_at, revision, body, format, html, renderer, state, reply_to_floor, support, oppose)"
            + " select t.id, t.highest_floor, ?2, ?3, ?1, 1, ?5, ?6, ?7, ?8, ?9, nullif(?10, -1), 0, 0 from t"
            + " returning id, floor, topic_id";

    /** Allocates the next floor; returns it with the topic's board id. Two statements: update, then read it back. */
    private Object[] allocate(NewPost reply, long topicId, boolean visible) {
        int updated = visible
                ? em.createQuery("update ForumkitTopic t set t.highestFloor = t.highestFloor + 1,"
                                + " t.replies = t.replies + 1, t.lastPostAt = :at, t.lastPostById = :byId,"
                                + " t.lastPostByName = :byName where t.id = :id")
                        .setParameter("at", micros(reply.createdAt()))
                        .setParameter("byId", reply.author().id().value())
                        .setParameter("byName", reply.author().displayName())
                        .setParameter("id", topicId)
                        .executeUpdate()
                : em.createQuery("update ForumkitTopic t set t.highestFloor = t.highestFloor + 1 where t.id = :id")
                        .setParameter("id", topicId)
                        .executeUpdate();
        if (updated == 0) {
            throw new NotFoundException(Kind.TOPIC, reply.topicId());
        }
        // Reads this transaction's own write: the floor just allocated, under the lock.
        return em.createQuery("select t.highestFloor, t.boardId from ForumkitTopic t where t.id = :id", Object[].class)
                .setParameter("id", topicId)
                .getSingleResult();
    }

    /** Inserts a post row and its quote rows; the caller holds the topic row's lock. */
    private Post insertPost(long topicId, int floor, NewPost post) {
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
        return post(row, insertQuotes(row.id, post.quotes()));
    }

    /** Inserts the quote rows of a new post, in order; returns the quotes as stored. */
    private List<Quote> insertQuotes(long postId, List<Quote> snapshots) {
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
        return quotes.stream().map(JpaStoreTransaction::quote).toList();
    }

    private void setBoardLastPost(long boardId, Post post) {
        em.createQuery("update ForumkitBoard b set b.postCount = b.postCount + :posts, b.lastTopicId = :topic,"
                        + " b.lastPostId = :post, b.lastPostFloor = :floor, b.lastPostAuthorId = :authorId,"
                        + " b.lastPostAuthorName = :authorName, b.lastPostAt = :at where b.id = :board")
                // A reply counts here; an opening post was counted with the topic.
                .setParameter("posts", post.isOpening() ? 0L : 1L)
                .setParameter("topic", post.topicId().value())
                .setParameter("post", post.id().value())
                .setParameter("floor", post.floor())
                .setParameter("authorId", post.author().id().value())
                .setParameter("authorName", post.author().displayName())
                .setParameter("at", post.createdAt())
                .setParameter("board", boardId)
                .executeUpdate();
    }

    @Override
    public Topic updateTopicStatus(TopicId id, int pinLevel, boolean locked) {
        checkWritable();
        int updated = em.createQuery("update ForumkitTopic t set t.pinLevel = :pin, t.locked = :locked where t.id = :id")
                .setParameter("pin", pinLevel)
                .setParameter("locked", locked)
                .setParameter("id", id.value())
                .executeUpdate();
        if (updated == 0) {
            throw new NotFoundException(Kind.TOPIC, id);
        }
        return topic(id).orElseThrow();
    }

    @Override
    public Post editPost(PostId id, PostEdit edit) {
        checkWritable();
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

    @Override
    public Post changePostState(PostId id, PostState state) {
        checkWritable();
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
        int delta = (state == PostState.VISIBLE ? 1 : 0) - (before == PostState.VISIBLE ? 1 : 0);
        if (delta != 0 && floor != 1) {
            // The topic row first, as everywhere else (parent before child).
            em.createQuery("update ForumkitTopic t set t.replies = t.replies + :delta where t.id = :id")
                    .setParameter("delta", (long) delta)
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
        if (delta != 0) {
            em.createQuery("update ForumkitBoard b set b.postCount = b.postCount + :delta where b.id = :id")
                    .setParameter("delta", (long) delta)
                    .setParameter("id", boardId)
                    .executeUpdate();
        }
        return post(id).orElseThrow();
    }

    @Override
    public VoteChange castVote(PostId id, UserId voter, VoteKind vote) {
        checkWritable();
        if (updateReturning) {
            return castVoteInOneStatement(id, voter, vote);
        }
        // The post row is the lock that serializes every vote on the post; the vote row is read after it with a
        // locking read (which sees the newest committed row even under MariaDB's REPEATABLE READ snapshot).
        PostEntity post = detach(em.find(PostEntity.class, id.value(), LockModeType.PESSIMISTIC_WRITE));
        if (post == null) {
            throw new NotFoundException(Kind.POST, id);
        }
        VoteEntity.Key key = new VoteEntity.Key(id.value(), voter.value());
        VoteEntity row = detach(em.find(VoteEntity.class, key, LockModeType.PESSIMISTIC_WRITE));
        VoteKind before = row == null ? null : VoteKind.valueOf(row.kind);
        if (before == vote) {
            return new VoteChange(id, voter, before, vote, post.support, post.oppose);
        }
        if (before == null) {
            VoteEntity inserted = new VoteEntity(id.value(), voter.value(), vote.name());
            em.persist(inserted);
            em.flush();
            detach(inserted);
        } else if (vote == null) {
            em.createQuery("delete from ForumkitVote v where v.postId = :post and v.voter = :voter")
                    .setParameter("post", id.value())
                    .setParameter("voter", voter.value())
                    .executeUpdate();
        } else {
            em.createQuery("update ForumkitVote v set v.kind = :kind where v.postId = :post and v.voter = :voter")
                    .setParameter("kind", vote.name())
                    .setParameter("post", id.value())
                    .setParameter("voter", voter.value())
                    .executeUpdate();
        }
        long support = delta(before, vote, VoteKind.SUPPORT);
        long oppose = delta(before, vote, VoteKind.OPPOSE);
        em.createQuery("update ForumkitPost p set p.support = p.support + :support, p.oppose = p.oppose + :oppose"
                        + " where p.id = :id")
                .setParameter("support", support)
                .setParameter("oppose", oppose)
                .setParameter("id", id.value())
                .executeUpdate();
        return new VoteChange(id, voter, before, vote, post.support + support, post.oppose + oppose);
    }

    /**
     * PostgreSQL: lock the post row (the lock that serializes every vote on the post), then read the voter's old
     * vote, write the new one and move both counts in ONE statement. The statement starts after the lock is held,
     * so under READ COMMITTED its snapshot already sees every earlier vote on the post: two round trips under the
     * lock instead of four.
     */
    private VoteChange castVoteInOneStatement(PostId id, UserId voter, VoteKind vote) {
        if (em.createNativeQuery("select id from fk_post where id = ?1 for update").setParameter(1, id.value())
                .getResultList().isEmpty()) {
            throw new NotFoundException(Kind.POST, id);
        }
        String wanted = vote == null ? "" : vote.name();
        Object[] row = (Object[]) em.createNativeQuery("with old as (select kind from fk_vote"
                        + " where post_id = ?1 and voter = ?2),"
                        + " del as (delete from fk_vote where post_id = ?1 and voter = ?2 and ?3 = '' returning kind),"
                        + " ins as (insert into fk_vote (post_id, voter, kind) select ?1, ?2, ?3 where ?3 <> ''"
                        + " on conflict (post_id, voter) do update set kind = excluded.kind returning kind),"
                        + " upd as (update fk_post set"
                        + " support = support + (case when ?3 = 'SUPPORT' then 1 else 0 end)"
                        + " - (case when (select kind from old) = 'SUPPORT' then 1 else 0 end),"
                        + " oppose = oppose + (case when ?3 = 'OPPOSE' then 1 else 0 end)"
                        + " - (case when (select kind from old) = 'OPPOSE' then 1 else 0 end)"
                        + " where id = ?1 returning support, oppose)"
                        + " select (select kind from old), support, oppose from upd")
                .setParameter(1, id.value())
                .setParameter(2, voter.value())
                .setParameter(3, wanted)
                .getSingleResult();
        VoteKind before = row[0] == null ? null : VoteKind.valueOf((String) row[0]);
        return new VoteChange(id, voter, before, vote, ((Number) row[1]).longValue(), ((Number) row[2]).longValue());
    }

    private static long delta(VoteKind before, VoteKind after, VoteKind kind) {
        return (after == kind ? 1 : 0) - (before == kind ? 1 : 0);
    }

    @Override
    public void addViews(Map<TopicId, Long> views) {
        checkWritable();
        // Ascending ids, so concurrent flushes take the topic rows' locks in the same order.
        TreeMap<Long, Long> counts = new TreeMap<>();
        views.forEach((topic, count) -> {
            if (count != null && count > 0) {
                counts.merge(topic.value(), count, Long::sum);
            }
        });
        List<Map.Entry<Long, Long>> entries = new ArrayList<>(counts.entrySet());
        for (int start = 0; start < entries.size(); start += VIEWS_PER_STATEMENT) {
            List<Map.Entry<Long, Long>> chunk = entries.subList(start, Math.min(entries.size(), start + VIEWS_PER_STATEMENT));
            // One statement for the whole chunk: views = views + CASE id WHEN … THEN … END.
            StringBuilder jpql = new StringBuilder("update ForumkitTopic t set t.views = t.views + case t.id");
            for (int i = 0; i < chunk.size(); i++) {
                jpql.append(" when :id").append(i).append(" then :count").append(i);
            }
            jpql.append(" else 0 end where t.id in :ids");
            var update = em.createQuery(jpql.toString());
            for (int i = 0; i < chunk.size(); i++) {
                update.setParameter("id" + i, chunk.get(i).getKey());
                update.setParameter("count" + i, chunk.get(i).getValue());
            }
            update.setParameter("ids", chunk.stream().map(Map.Entry::getKey).toList());
            update.executeUpdate();
        }
    }

    @Override
    public void afterCommit(Runnable action) {
        checkWritable();
        scope.afterCommit(Objects.requireNonNull(action, "action"));
    }

    // ---- moderation ----

    @Override
    public Board updateBoardModeration(BoardId id, BoardModeration moderation) {
        checkWritable();
        int updated = em.createQuery("update ForumkitBoard b set b.moderation = :moderation where b.id = :id")
                .setParameter("moderation", JsonText.moderation(moderation))
                .setParameter("id", id.value())
                .executeUpdate();
        if (updated == 0) {
            throw new NotFoundException(Kind.BOARD, id);
        }
        return board(id).orElseThrow();
    }

    @Override
    public List<Post> pendingPosts(BoardId board, Optional<PostId> after, int limit) {
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

    @Override
    public long pendingPostCount(BoardId board) {
        return em.createQuery("select count(p) from ForumkitPost p, ForumkitTopic t"
                        + " where p.state = :state and t.id = p.topicId and t.boardId = :board", Long.class)
                .setParameter("state", PostState.PENDING.name())
                .setParameter("board", board.value())
                .getSingleResult();
    }

    @Override
    public Optional<Report> report(ReportId id) {
        return Optional.ofNullable(detach(em.find(ReportEntity.class, id.value()))).map(JpaStoreTransaction::report);
    }

    @Override
    public List<Report> openReports(BoardId board, Optional<ReportId> after, int limit) {
        if (limit < 1) {
            return List.of();
        }
        TypedQuery<ReportEntity> query = em.createQuery("select r from ForumkitReport r where r.boardId = :board"
                        + " and r.open = true" + (after.isPresent() ? " and r.id > :after" : "") + " order by r.id",
                        ReportEntity.class)
                .setParameter("board", board.value())
                .setMaxResults(limit);
        after.ifPresent(a -> query.setParameter("after", a.value()));
        return list(query).stream().map(JpaStoreTransaction::report).toList();
    }

    @Override
    public long openReportCount(BoardId board) {
        return em.createQuery("select count(r) from ForumkitReport r where r.boardId = :board and r.open = true",
                        Long.class)
                .setParameter("board", board.value())
                .getSingleResult();
    }

    @Override
    public Map<PostId, Long> openReportersByPost(Collection<PostId> posts) {
        if (posts.isEmpty()) {
            return Map.of();
        }
        Map<PostId, Long> counts = new HashMap<>();
        em.createQuery("select r.postId, count(r) from ForumkitReport r where r.postId in :posts and r.open = true"
                        + " group by r.postId", Object[].class)
                .setParameter("posts", posts.stream().map(PostId::value).distinct().toList())
                .getResultList()
                .forEach(row -> counts.put(PostId.of((Long) row[0]), (Long) row[1]));
        return counts;
    }

    @Override
    public FiledReport fileReport(NewReport report) {
        checkWritable();
        // The post row is the lock that serializes the reports of a post, so the count below sees every one.
        if (detach(em.find(PostEntity.class, report.postId().value(), LockModeType.PESSIMISTIC_WRITE)) == null) {
            throw new NotFoundException(Kind.POST, report.postId());
        }
        // Locking reads: they see the newest committed rows even under MariaDB's REPEATABLE READ snapshot.
        List<ReportEntity> open = em.createQuery("select r from ForumkitReport r where r.postId = :post"
                        + " and r.open = true order by r.id", ReportEntity.class)
                .setParameter("post", report.postId().value())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        open.forEach(this::detach);
        ReportEntity mine = open.stream().filter(r -> r.reporterId.equals(report.reporter().id().value()))
                .findFirst().orElse(null);
        if (mine == null) {
            ReportEntity row = new ReportEntity();
            row.postId = report.postId().value();
            row.topicId = report.topicId().value();
            row.boardId = report.boardId().value();
            row.reporterId = report.reporter().id().value();
            row.reporterName = report.reporter().displayName();
            row.reason = report.reason().name();
            row.text = report.text();
            row.createdAt = micros(report.at());
            row.updatedAt = micros(report.at());
            row.open = Boolean.TRUE;
            em.persist(row);
            em.flush();
            return new FiledReport(report(detach(row)), true, open.size() + 1L);
        }
        em.createQuery("update ForumkitReport r set r.reason = :reason, r.text = :text, r.reporterName = :name,"
                        + " r.updatedAt = :at where r.id = :id")
                .setParameter("reason", report.reason().name())
                .setParameter("text", report.text())
                .setParameter("name", report.reporter().displayName())
                .setParameter("at", micros(report.at()))
                .setParameter("id", mine.id)
                .executeUpdate();
        return new FiledReport(report(ReportId.of(mine.id)).orElseThrow(), false, open.size());
    }

    @Override
    public List<Report> resolveReports(PostId post, Resolution resolution, Author by, String note, Instant at) {
        checkWritable();
        List<Long> ids = em.createQuery("select r.id from ForumkitReport r where r.postId = :post and r.open = true"
                        + " order by r.id", Long.class)
                .setParameter("post", post.value())
                .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        int updated = em.createQuery("update ForumkitReport r set r.open = null, r.resolution = :resolution,"
                        + " r.resolvedById = :byId, r.resolvedByName = :byName, r.resolvedAt = :at,"
                        + " r.resolutionNote = :note where r.id in :ids and r.open = true")
                .setParameter("resolution", resolution.name())
                .setParameter("byId", by.id().value())
                .setParameter("byName", by.displayName())
                .setParameter("at", micros(at))
                .setParameter("note", note)
                .setParameter("ids", ids)
                .executeUpdate();
        if (updated != ids.size()) {
            throw new SqlErrors.RaceDetected("reports of post " + post + " were resolved concurrently");
        }
        return list(em.createQuery("select r from ForumkitReport r where r.id in :ids order by r.id",
                        ReportEntity.class)
                .setParameter("ids", ids)).stream().map(JpaStoreTransaction::report).toList();
    }

    @Override
    public List<AuditEntry> auditEntries(AuditFilter filter, Optional<AuditId> before, int limit) {
        if (limit < 1) {
            return List.of();
        }
        StringBuilder jpql = new StringBuilder("select a from ForumkitAudit a where 1 = 1");
        filter.board().ifPresent(b -> jpql.append(" and a.boardId = :board"));
        filter.actor().ifPresent(u -> jpql.append(" and a.actorId = :actor"));
        filter.subject().ifPresent(u -> jpql.append(" and a.subjectId = :subject"));
        before.ifPresent(b -> jpql.append(" and a.id < :before"));
        TypedQuery<AuditEntity> query = em.createQuery(jpql.append(" order by a.id desc").toString(), AuditEntity.class)
                .setMaxResults(limit);
        filter.board().ifPresent(b -> query.setParameter("board", b.value()));
        filter.actor().ifPresent(u -> query.setParameter("actor", u.value()));
        filter.subject().ifPresent(u -> query.setParameter("subject", u.value()));
        before.ifPresent(b -> query.setParameter("before", b.value()));
        return list(query).stream().map(JpaStoreTransaction::audit).toList();
    }

    @Override
    public AuditEntry appendAudit(NewAuditEntry entry) {
        checkWritable();
        AuditEntity row = new AuditEntity();
        row.boardId = entry.boardId() == null ? null : entry.boardId().value();
        row.actorId = entry.actor().id().value();
        row.actorName = entry.actor().displayName();
        row.action = entry.action().name();
        row.topicId = entry.topicId() == null ? null : entry.topicId().value();
        row.postId = entry.postId() == null ? null : entry.postId().value();
        row.subjectId = entry.subject() == null ? null : entry.subject().value();
        row.before = entry.before();
        row.after = entry.after();
        row.reason = entry.reason();
        row.createdAt = micros(entry.at());
        em.persist(row);
        em.flush();
        return audit(detach(row));
    }

    @Override
    public Optional<Ban> ban(BanId id) {
        return Optional.ofNullable(detach(em.find(BanEntity.class, id.value()))).map(JpaStoreTransaction::ban);
    }

    @Override
    public List<Ban> activeBans(UserId user, Optional<BoardId> board, Instant now) {
        TypedQuery<BanEntity> query = em.createQuery("select b from ForumkitBan b where b.userId = :user"
                        + " and b.liftedAt is null and (b.expiresAt is null or b.expiresAt > :now)"
                        + (board.isPresent() ? " and (b.boardId is null or b.boardId = :board)" : "")
                        + " order by b.id", BanEntity.class)
                .setParameter("user", user.value())
                .setParameter("now", micros(now));
        board.ifPresent(b -> query.setParameter("board", b.value()));
        return list(query).stream().map(JpaStoreTransaction::ban).toList();
    }

    @Override
    public Topic moveTopic(TopicId id, BoardId to) {
        checkWritable();
        // The topic row first (as a reply takes it), so its posts and counts hold still; then the boards.
        TopicEntity topic = detach(em.find(TopicEntity.class, id.value(), LockModeType.PESSIMISTIC_WRITE));
        if (topic == null) {
            throw new NotFoundException(Kind.TOPIC, id);
        }
        if (board(to).isEmpty()) {
            throw new NotFoundException(Kind.BOARD, to);
        }
        long from = topic.boardId;
        if (from == to.value()) {
            return topic(topic);
        }
        if (topic.externalKey != null && topicByExternalKey(to, topic.externalKey).isPresent()) {
            throw new DuplicateKeyException("topic.externalKey", "board " + to + " has a topic for '"
                    + topic.externalKey + "'");
        }
        long visible = em.createQuery("select count(p) from ForumkitPost p where p.topicId = :topic and p.state = :state",
                        Long.class)
                .setParameter("topic", id.value())
                .setParameter("state", PostState.VISIBLE.name())
                .getSingleResult();
        // Both board rows in id order, so two moves between the same boards cannot deadlock.
        for (long board : new long[] {Math.min(from, to.value()), Math.max(from, to.value())}) {
            em.createQuery("update ForumkitBoard b set b.topicCount = b.topicCount + :topics,"
                            + " b.postCount = b.postCount + :posts where b.id = :id")
                    .setParameter("topics", board == from ? -1L : 1L)
                    .setParameter("posts", board == from ? -visible : visible)
                    .setParameter("id", board)
                    .executeUpdate();
        }
        em.createQuery("update ForumkitTopic t set t.boardId = :to where t.id = :id")
                .setParameter("to", to.value())
                .setParameter("id", id.value())
                .executeUpdate();
        em.createQuery("update ForumkitReport r set r.boardId = :to where r.topicId = :id")
                .setParameter("to", to.value())
                .setParameter("id", id.value())
                .executeUpdate();
        Board source = board(BoardId.of(from)).orElseThrow();
        Board target = board(to).orElseThrow();
        if (source.lastPost() != null && source.lastPost().topicId().equals(id)) {
            List<Long> active = em.createQuery("select t.id from ForumkitTopic t where t.boardId = :board"
                            + " order by t.lastPostAt desc, t.id desc", Long.class)
                    .setParameter("board", from)
                    .setMaxResults(1)
                    .getResultList();
            setLastPost(from, active.isEmpty() ? null : newestVisible(active.get(0)));
        }
        Post newest = newestVisible(id.value());
        if (newest != null && (target.lastPost() == null || newest.createdAt().isAfter(target.lastPost().at()))) {
            setLastPost(to.value(), newest);
        }
        return topic(id).orElseThrow();
    }

    /** The newest visible post of a topic, or {@code null}. */
    private Post newestVisible(long topicId) {
        List<PostEntity> rows = list(em.createQuery("select p from ForumkitPost p where p.topicId = :topic"
                        + " and p.state = :state order by p.floor desc", PostEntity.class)
                .setParameter("topic", topicId)
                .setParameter("state", PostState.VISIBLE.name())
                .setMaxResults(1));
        return rows.isEmpty() ? null : post(rows.get(0), List.of());
    }

    /** Sets a board's last post (or clears it); its counters stay. */
    private void setLastPost(long boardId, Post post) {
        em.createQuery("update ForumkitBoard b set b.lastTopicId = :topic, b.lastPostId = :post,"
                        + " b.lastPostFloor = :floor, b.lastPostAuthorId = :authorId, b.lastPostAuthorName = :authorName,"
                        + " b.lastPostAt = :at where b.id = :board")
                .setParameter("topic", post == null ? null : post.topicId().value())
                .setParameter("post", post == null ? null : post.id().value())
                .setParameter("floor", post == null ? null : post.floor())
                .setParameter("authorId", post == null ? null : post.author().id().value())
                .setParameter("authorName", post == null ? null : post.author().displayName())
                .setParameter("at", post == null ? null : post.createdAt())
                .setParameter("board", boardId)
                .executeUpdate();
    }

    @Override
    public long creditBalance(UserId user) {
        CreditBalanceEntity row = detach(em.find(CreditBalanceEntity.class, user.value()));
        return row == null ? 0 : row.balance;
    }

    @Override
    public List<CreditEntry> creditEntries(UserId user, Optional<CreditEntryId> before, int limit) {
        if (limit < 1) {
            return List.of();
        }
        TypedQuery<CreditEntryEntity> query = em.createQuery("select e from ForumkitCreditEntry e where e.userId = :user"
                        + (before.isPresent() ? " and e.id < :before" : "") + " order by e.id desc",
                        CreditEntryEntity.class)
                .setParameter("user", user.value())
                .setMaxResults(limit);
        before.ifPresent(b -> query.setParameter("before", b.value()));
        return list(query).stream().map(JpaStoreTransaction::credit).toList();
    }

    @Override
    public long creditCount(UserId user, BoardId board, CreditEvent event, String cycleKey) {
        // A locking read, so it counts every committed entry even under MariaDB's REPEATABLE READ snapshot; the
        // rows are few (at most a rule's cap).
        return em.createQuery("select e.id from ForumkitCreditEntry e where e.userId = :user and e.boardId = :board"
                        + " and e.event = :event and e.cycleKey = :cycle", Long.class)
                .setParameter("user", user.value())
                .setParameter("board", board.value())
                .setParameter("event", event.name())
                .setParameter("cycle", cycleKey)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList()
                .size();
    }

    @Override
    public long lockCreditBalance(UserId user) {
        checkWritable();
        CreditBalanceEntity row = detach(em.find(CreditBalanceEntity.class, user.value(),
                LockModeType.PESSIMISTIC_WRITE));
        if (row != null) {
            return row.balance;
        }
        // The first award: the insert locks the new row; a concurrent first insert fails on the key (or deadlocks on
        // MariaDB's gap lock) and the whole work runs again, then finding the row.
        CreditBalanceEntity fresh = new CreditBalanceEntity(user.value());
        try {
            em.persist(fresh);
            em.flush();
        } catch (PersistenceException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new SqlErrors.RaceDetected("credit balance of " + user + " created concurrently");
            }
            throw e;
        }
        detach(fresh);
        return 0;
    }

    @Override
    public CreditEntry appendCredit(NewCreditEntry entry) {
        checkWritable();
        CreditEntryEntity row = new CreditEntryEntity();
        row.userId = entry.user().value();
        row.boardId = entry.boardId().value();
        row.event = entry.event().name();
        row.amount = entry.amount();
        row.cycleKey = entry.cycleKey();
        row.postId = entry.postId() == null ? null : entry.postId().value();
        row.createdAt = micros(entry.at());
        em.persist(row);
        em.flush();
        em.createQuery("update ForumkitCreditBalance b set b.balance = b.balance + :amount where b.userId = :user")
                .setParameter("amount", entry.amount())
                .setParameter("user", entry.user().value())
                .executeUpdate();
        return credit(detach(row));
    }

    static CreditEntry credit(CreditEntryEntity e) {
        return new CreditEntry(CreditEntryId.of(e.id), UserId.of(e.userId), BoardId.of(e.boardId),
                CreditEvent.valueOf(e.event), e.amount, e.cycleKey, e.postId == null ? null : PostId.of(e.postId),
                e.createdAt);
    }

    @Override
    public List<PostRevision> revisions(PostId post) {
        return list(em.createQuery("select r from ForumkitPostRevision r where r.postId = :post order by r.revision",
                        RevisionEntity.class)
                .setParameter("post", post.value())).stream()
                .map(r -> new PostRevision(PostId.of(r.postId), r.revision, r.body, ContentFormat.of(r.format),
                        author(r.replacedById, r.replacedByName), r.replacedAt))
                .toList();
    }

    @Override
    public PostRevision keepRevision(PostId id, Author replacedBy, Instant at) {
        checkWritable();
        // A locking read: the newest committed text even under MariaDB's REPEATABLE READ snapshot, and concurrent
        // edits of the post wait here, so each keeps the text it replaces.
        PostEntity post = detach(em.find(PostEntity.class, id.value(), LockModeType.PESSIMISTIC_WRITE));
        if (post == null) {
            throw new NotFoundException(Kind.POST, id);
        }
        RevisionEntity row = new RevisionEntity();
        row.postId = post.id;
        row.revision = post.revision;
        row.body = post.body;
        row.format = post.format;
        row.replacedById = replacedBy.id().value();
        row.replacedByName = replacedBy.displayName();
        row.replacedAt = micros(at);
        em.persist(row);
        em.flush();
        detach(row);
        return new PostRevision(id, row.revision, row.body, ContentFormat.of(row.format), replacedBy, row.replacedAt);
    }

    @Override
    public PostingWindow lockPostingWindow(UserId user, BoardId board) {
        checkWritable();
        PostingWindowEntity.Key key = new PostingWindowEntity.Key(user.value(), board.value());
        PostingWindowEntity row = detach(em.find(PostingWindowEntity.class, key, LockModeType.PESSIMISTIC_WRITE));
        if (row != null) {
            return new PostingWindow(row.lastPostAt, row.windowStart, row.windowCount);
        }
        // The first post: insert the row, which locks it; a concurrent first insert fails on the key (or deadlocks
        // on MariaDB's gap lock) and the whole work runs again, then finding the row.
        PostingWindowEntity fresh = new PostingWindowEntity(user.value(), board.value());
        try {
            em.persist(fresh);
            em.flush();
        } catch (PersistenceException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new SqlErrors.RaceDetected("posting record of " + user + " in board " + board + " created concurrently");
            }
            if (SqlErrors.isForeignKeyViolation(e)) {
                throw new NotFoundException(Kind.BOARD, board);
            }
            throw e;
        }
        detach(fresh);
        return PostingWindow.EMPTY;
    }

    @Override
    public void savePostingWindow(UserId user, BoardId board, PostingWindow window) {
        checkWritable();
        em.createQuery("update ForumkitPostingWindow w set w.lastPostAt = :last, w.windowStart = :start,"
                        + " w.windowCount = :count where w.userId = :user and w.boardId = :board")
                .setParameter("last", micros(window.lastPostAt()))
                .setParameter("start", micros(window.windowStart()))
                .setParameter("count", window.windowCount())
                .setParameter("user", user.value())
                .setParameter("board", board.value())
                .executeUpdate();
    }

    @Override
    public Ban insertBan(NewBan ban) {
        checkWritable();
        BanEntity row = new BanEntity();
        row.userId = ban.user().value();
        row.boardId = ban.boardId() == null ? null : ban.boardId().value();
        row.kind = ban.kind().name();
        row.reason = ban.reason();
        row.byId = ban.by().id().value();
        row.byName = ban.by().displayName();
        row.createdAt = micros(ban.createdAt());
        row.expiresAt = micros(ban.expiresAt());
        try {
            em.persist(row);
            em.flush();
        } catch (PersistenceException e) {
            if (SqlErrors.isForeignKeyViolation(e)) {
                throw new NotFoundException(Kind.BOARD, ban.boardId());
            }
            throw e;
        }
        return ban(detach(row));
    }

    @Override
    public Ban liftBan(BanId id, Author by, Instant at) {
        checkWritable();
        int updated = em.createQuery("update ForumkitBan b set b.liftedById = :byId, b.liftedByName = :byName,"
                        + " b.liftedAt = :at where b.id = :id and b.liftedAt is null")
                .setParameter("byId", by.id().value())
                .setParameter("byName", by.displayName())
                .setParameter("at", micros(at))
                .setParameter("id", id.value())
                .executeUpdate();
        Optional<Ban> ban = ban(id);
        if (updated == 0 && ban.isEmpty()) {
            throw new NotFoundException(Kind.BAN, id);
        }
        return ban.orElseThrow();
    }

    static Ban ban(BanEntity b) {
        return new Ban(BanId.of(b.id), UserId.of(b.userId), b.boardId == null ? null : BoardId.of(b.boardId),
                BanKind.valueOf(b.kind), b.reason, author(b.byId, b.byName), b.createdAt, b.expiresAt,
                b.liftedById == null ? null : author(b.liftedById, b.liftedByName), b.liftedAt);
    }

    static AuditEntry audit(AuditEntity a) {
        return new AuditEntry(AuditId.of(a.id), a.boardId == null ? null : BoardId.of(a.boardId),
                author(a.actorId, a.actorName), AuditAction.valueOf(a.action),
                a.topicId == null ? null : TopicId.of(a.topicId), a.postId == null ? null : PostId.of(a.postId),
                a.subjectId == null ? null : UserId.of(a.subjectId), a.before, a.after, a.reason, a.createdAt);
    }

    static Report report(ReportEntity r) {
        return new Report(ReportId.of(r.id), PostId.of(r.postId), TopicId.of(r.topicId), BoardId.of(r.boardId),
                author(r.reporterId, r.reporterName), ReportReason.valueOf(r.reason), r.text, r.createdAt, r.updatedAt,
                r.resolution == null ? null : Resolution.valueOf(r.resolution),
                r.resolvedById == null ? null : author(r.resolvedById, r.resolvedByName), r.resolvedAt,
                r.resolutionNote);
    }

    private List<Post> withQuotes(List<PostEntity> posts) {
        Map<Long, List<Quote>> quotes = quotesOf(posts.stream().map(p -> p.id).toList());
        return posts.stream().map(p -> post(p, quotes.getOrDefault(p.id, List.of()))).toList();
    }

    // ---- helpers ----

    private void checkWritable() {
        if (!writable) {
            throw new IllegalStateException("this transaction is read-only");
        }
    }

    /**
     * Every column keeps microseconds; databases differ on whether they round or cut the rest, so the store cuts
     * it itself and returns what it stored.
     */
    static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    private <E> E detach(E entity) {
        if (entity != null) {
            em.detach(entity);
        }
        return entity;
    }

    private <E> List<E> list(TypedQuery<E> query) {
        List<E> rows = query.getResultList();
        rows.forEach(this::detach);
        return rows;
    }

    private <E> Optional<E> first(TypedQuery<E> query) {
        return list(query.setMaxResults(1)).stream().findFirst();
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
            quotes.computeIfAbsent(q.postId, k -> new ArrayList<>()).add(quote(q));
        }
        return quotes;
    }

    // ---- rows to records ----

    private static Author author(String id, String name) {
        return new Author(UserId.of(id), name);
    }

    static Board board(BoardEntity b) {
        LastPost last = b.lastPostId == null ? null : new LastPost(TopicId.of(b.lastTopicId), PostId.of(b.lastPostId),
                b.lastPostFloor, author(b.lastPostAuthorId, b.lastPostAuthorName), b.lastPostAt);
        return new Board(BoardId.of(b.id), b.parentId == null ? null : BoardId.of(b.parentId),
                BoardKind.valueOf(b.kind), b.slug, b.name, b.description, b.position, JsonText.userIds(b.moderators),
                JsonText.strings(b.topicTypes), JsonText.policy(b.accessPolicy), b.topicCount, b.postCount, last,
                JsonText.moderation(b.moderation));
    }

    static Topic topic(TopicEntity t) {
        return new Topic(TopicId.of(t.id), BoardId.of(t.boardId), t.title, t.type, author(t.authorId, t.authorName),
                t.createdAt, t.pinLevel, t.locked, t.externalKey, t.views, t.replies, t.highestFloor, t.lastPostAt,
                author(t.lastPostById, t.lastPostByName));
    }

    static Post post(PostEntity p, List<Quote> quotes) {
        return new Post(PostId.of(p.id), TopicId.of(p.topicId), p.floor, author(p.authorId, p.authorName),
                p.createdAt, p.editedAt, p.revision, p.body, ContentFormat.of(p.format), p.html, p.renderer,
                PostState.valueOf(p.state), p.replyToFloor, p.support, p.oppose, quotes);
    }

    static Quote quote(QuoteEntity q) {
        return new Quote(PostId.of(q.sourcePostId), q.sourceFloor, author(q.sourceAuthorId, q.sourceAuthorName),
                q.sourcePostedAt, q.sourceRevision, q.excerpt, q.whole, q.truncated);
    }
}
