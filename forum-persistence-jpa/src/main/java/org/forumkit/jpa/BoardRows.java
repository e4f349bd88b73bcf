package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.BoardModeration;
import org.forumkit.model.LastPost;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.TopicId;
import org.forumkit.spi.store.CounterDelta;
import org.forumkit.spi.store.DuplicateKeyException;
import org.forumkit.spi.store.NewBoard;

/**
 * The board rows ({@code fk_board}): boards and their moderation; and their counters and last post, which other
 * writes move, in the board's {@link BoardCounterEntity#SHARDS} shard rows ({@code fk_board_counter}).
 */
final class BoardRows extends Rows {
    /** The shard columns {@link #fold} reads, after the board id. */
    private static final String SHARD_COLUMNS = "c.boardId, c.topicCount, c.postCount, c.lastTopicId, c.lastPostId,"
            + " c.lastPostFloor, c.lastPostAuthorId, c.lastPostAuthorName, c.lastPostAt";

    /** One board with its counts, by id or by slug: one statement (the columns of {@link Lookups#BOARD}). */
    private static final String BOARD_BY = "select " + Lookups.BOARD + " from fk_board b" + Lookups.BOARD_LAST_POST
            + " where b.";

    /** A board's last post in its topic's shard, cleared in the 15 others: one statement over the 16 rows. */
    private static final Jdbc.Sql SET_LAST_POST = Jdbc.Sql.of("update fk_board_counter"
            + " set last_topic_id = case when shard = :shard then :topic else null end,"
            + " last_post_id = case when shard = :shard then :post else null end,"
            + " last_post_floor = case when shard = :shard then :floor else null end,"
            + " last_post_author_id = case when shard = :shard then :authorId else null end,"
            + " last_post_author_name = case when shard = :shard then :authorName else null end,"
            + " last_post_at = case when shard = :shard then :at else null end where board_id = :board");

    private final Lookups lookups;

    BoardRows(EntityManager em, Lookups lookups) {
        super(em);
        this.lookups = lookups;
    }

    /** A board's counts and last post: the sums over its shards, and the shard's last post with the highest id. */
    record Counts(long topics, long posts, LastPost lastPost) {
        static final Counts NONE = new Counts(0, 0, null);

        Counts plus(long topicCount, long postCount, LastPost last) {
            LastPost newest = last == null || (lastPost != null && lastPost.postId().value() > last.postId().value())
                    ? lastPost : last;
            return new Counts(topics + topicCount, posts + postCount, newest);
        }
    }

    Lookups lookups() {
        return lookups;
    }

    // Plain JDBC: nothing this store keeps in the persistence context writes fk_board or its shards later (a new
    // board is flushed at once, everything else is a bulk update), so no pending change is missed.
    Optional<Board> board(BoardId id) {
        return boardBy("id", id.value());
    }

    Optional<Board> boardBySlug(String slug) {
        return boardBy("slug", slug);
    }

    private Optional<Board> boardBy(String column, Object value) {
        return Jdbc.call(em, c -> {
            try (PreparedStatement s = c.prepareStatement(BOARD_BY + column + " = ?")) {
                lookups.jdbc().set(s, 1, value);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(lookups.board(r, 1)) : Optional.<Board>empty();
                }
            }
        });
    }

    List<Board> boards() {
        List<BoardEntity> rows = list(em.createQuery("select b from ForumkitBoard b order by b.position, b.id",
                BoardEntity.class));
        // Every board's shards in one statement, without a list of ids as long as the forum's boards.
        Map<Long, Counts> counts = fold(em.createQuery("select " + SHARD_COLUMNS + " from ForumkitBoardCounter c",
                Object[].class).getResultList());
        return rows.stream().map(b -> Records.board(b, counts.getOrDefault(b.id, Counts.NONE))).toList();
    }

    /** The boards of {@code rows} with their counts, in the same order: one statement for all of them. */
    List<Board> withCounts(List<BoardEntity> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, Counts> counts = fold(em.createQuery("select " + SHARD_COLUMNS
                        + " from ForumkitBoardCounter c where c.boardId in :boards", Object[].class)
                .setParameter("boards", rows.stream().map(b -> b.id).distinct().toList())
                .getResultList());
        return rows.stream().map(b -> Records.board(b, counts.getOrDefault(b.id, Counts.NONE))).toList();
    }

    /** Shard rows ({@link #SHARD_COLUMNS}) folded into each board's {@link Counts}. */
    private static Map<Long, Counts> fold(List<Object[]> shards) {
        Map<Long, Counts> counts = new HashMap<>();
        for (Object[] c : shards) {
            LastPost last = c[4] == null ? null : new LastPost(TopicId.of((Long) c[3]), PostId.of((Long) c[4]),
                    (Integer) c[5], Records.author((String) c[6], (String) c[7]), (Instant) c[8]);
            counts.merge((Long) c[0], Counts.NONE.plus((Long) c[1], (Long) c[2], last),
                    (a, b) -> a.plus(b.topics(), b.posts(), b.lastPost()));
        }
        return counts;
    }

    Board insertBoard(NewBoard board) {
        if (boardBySlug(board.slug()).isPresent()) {
            throw DuplicateKeyException.boardSlug(board.slug(), null);
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
                throw DuplicateKeyException.boardSlug(board.slug(), e);
            }
            if (SqlErrors.isForeignKeyViolation(e)) {
                throw new NotFoundException(Kind.BOARD, board.parentId());
            }
            throw e;
        }
        insertShards(row.id);
        return Records.board(detach(row), Counts.NONE);
    }

    /** The new board's shard rows, all at zero, in one statement. */
    private void insertShards(long boardId) {
        StringBuilder sql = new StringBuilder("insert into fk_board_counter (board_id, shard, topic_count, post_count)"
                + " values ");
        for (int shard = 0; shard < BoardCounterEntity.SHARDS; shard++) {
            sql.append(shard == 0 ? "" : ", ").append("(?, ").append(shard).append(", 0, 0)");
        }
        Jdbc.call(em, c -> {
            try (PreparedStatement insert = c.prepareStatement(sql.toString())) {
                for (int shard = 0; shard < BoardCounterEntity.SHARDS; shard++) {
                    insert.setLong(shard + 1, boardId);
                }
                return insert.executeUpdate();
            }
        });
    }

    Board updateModeration(BoardId id, BoardModeration moderation) {
        int updated = em.createQuery("update ForumkitBoard b set b.moderation = :moderation where b.id = :id")
                .setParameter("moderation", JsonText.moderation(moderation))
                .setParameter("id", id.value())
                .executeUpdate();
        if (updated == 0) {
            throw new NotFoundException(Kind.BOARD, id);
        }
        return board(id).orElseThrow();
    }

    /**
     * Counts a new topic with its opening post's {@code counts} in the topic's shard and, when the post is visible,
     * makes it the board's last post: one statement.
     */
    void addTopic(long boardId, Post opening, CounterDelta counts) {
        if (opening.isVisible()) {
            addPost(boardId, opening, 1, counts.posts());
            return;
        }
        em.createQuery("update ForumkitBoardCounter c set c.topicCount = c.topicCount + 1,"
                        + " c.postCount = c.postCount + :posts where c.boardId = :board and c.shard = :shard")
                .setParameter("posts", counts.posts())
                .setParameter("board", boardId)
                .setParameter("shard", BoardCounterEntity.shard(opening.topicId().value()))
                .executeUpdate();
    }

    /** A new visible reply: counts it and makes it the last post, in its topic's shard. */
    void addPost(long boardId, Post post) {
        addPost(boardId, post, 0, post.isOpening() ? 0L : 1L);
    }

    private void addPost(long boardId, Post post, long topics, long posts) {
        // The shard's last post only if this one is newer (a higher id), as readers pick the shards' newest; its id
        // assigned last, since MariaDB makes a single-table update's assignments left to right.
        String newer = ":post > coalesce(c.lastPostId, 0)";
        em.createQuery("update ForumkitBoardCounter c set c.topicCount = c.topicCount + :topics,"
                        + " c.postCount = c.postCount + :posts,"
                        + " c.lastTopicId = case when " + newer + " then :topic else c.lastTopicId end,"
                        + " c.lastPostFloor = case when " + newer + " then :floor else c.lastPostFloor end,"
                        + " c.lastPostAuthorId = case when " + newer + " then :authorId else c.lastPostAuthorId end,"
                        + " c.lastPostAuthorName = case when " + newer + " then :authorName"
                        + " else c.lastPostAuthorName end,"
                        + " c.lastPostAt = case when " + newer + " then :at else c.lastPostAt end,"
                        + " c.lastPostId = case when " + newer + " then :post else c.lastPostId end"
                        + " where c.boardId = :board and c.shard = :shard")
                .setParameter("topics", topics)
                .setParameter("posts", posts)
                .setParameter("topic", post.topicId().value())
                .setParameter("post", post.id().value())
                .setParameter("floor", post.floor())
                .setParameter("authorId", post.author().id().value())
                .setParameter("authorName", post.author().displayName())
                .setParameter("at", post.createdAt())
                .setParameter("board", boardId)
                .setParameter("shard", BoardCounterEntity.shard(post.topicId().value()))
                .executeUpdate();
    }

    /** Moves the board's post count by {@code delta} (a post of {@code topicId} changed state), in its shard. */
    void addPostCount(long boardId, long topicId, long delta) {
        em.createQuery("update ForumkitBoardCounter c set c.postCount = c.postCount + :delta"
                        + " where c.boardId = :id and c.shard = :shard")
                .setParameter("delta", delta)
                .setParameter("id", boardId)
                .setParameter("shard", BoardCounterEntity.shard(topicId))
                .executeUpdate();
    }

    /**
     * Moves a topic's counts from one board to another, in the topic's shard. Every shard row of both boards is
     * updated, so locked (boards in id order, so two moves between the same boards cannot deadlock), as the one board
     * row was before: core then reads and sets the boards' last posts, and no reply to another topic of either board
     * writes a last post in between.
     */
    void moveCounts(long from, long to, long topicId, long visiblePosts) {
        for (long board : new long[] {Math.min(from, to), Math.max(from, to)}) {
            // All 16 rows in one statement (key order), the counts moved in the topic's shard only.
            em.createQuery("update ForumkitBoardCounter c"
                            + " set c.topicCount = c.topicCount + (case when c.shard = :shard then :topics else 0L end),"
                            + " c.postCount = c.postCount + (case when c.shard = :shard then :posts else 0L end)"
                            + " where c.boardId = :id")
                    .setParameter("topics", board == from ? -1L : 1L)
                    .setParameter("posts", board == from ? -visiblePosts : visiblePosts)
                    .setParameter("id", board)
                    .setParameter("shard", BoardCounterEntity.shard(topicId))
                    .executeUpdate();
        }
    }

    /**
     * Sets a board's last post (or clears it); its counters stay. One statement over the board's 16 rows (key order):
     * the last post in its topic's shard, cleared in every other, so no older shard's last post can surface later.
     */
    void setLastPost(BoardId board, Optional<LastPost> lastPost) {
        if (lastPost.isEmpty()) {
            int cleared = em.createQuery("update ForumkitBoardCounter c set c.lastTopicId = null, c.lastPostId = null,"
                            + " c.lastPostFloor = null, c.lastPostAuthorId = null, c.lastPostAuthorName = null,"
                            + " c.lastPostAt = null where c.boardId = :board")
                    .setParameter("board", board.value())
                    .executeUpdate();
            if (cleared == 0) {
                throw new NotFoundException(Kind.BOARD, board);
            }
            return;
        }
        LastPost last = lastPost.get();
        // Plain JDBC: each value bound with its own type (the provider binds a parameter whose CASE has only NULL
        // beside it as text, which PostgreSQL refuses for a timestamp column).
        int updated = Jdbc.call(em, c -> {
            try (PreparedStatement s = c.prepareStatement(SET_LAST_POST.jdbc())) {
                SET_LAST_POST.bind(s, "shard", BoardCounterEntity.shard(last.topicId().value()), lookups.jdbc());
                SET_LAST_POST.bind(s, "topic", last.topicId().value(), lookups.jdbc());
                SET_LAST_POST.bind(s, "post", last.postId().value(), lookups.jdbc());
                SET_LAST_POST.bind(s, "floor", last.floor(), lookups.jdbc());
                SET_LAST_POST.bind(s, "authorId", last.author().id().value(), lookups.jdbc());
                SET_LAST_POST.bind(s, "authorName", last.author().displayName(), lookups.jdbc());
                SET_LAST_POST.bind(s, "at", last.at(), lookups.jdbc());
                SET_LAST_POST.bind(s, "board", board.value(), lookups.jdbc());
                return s.executeUpdate();
            }
        });
        if (updated == 0) {
            throw new NotFoundException(Kind.BOARD, board);
        }
    }
}
