package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.forumkit.model.Author;
import org.forumkit.model.Ban;
import org.forumkit.model.BanId;
import org.forumkit.model.BanKind;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.BoardKind;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.LastPost;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.PostState;
import org.forumkit.model.Quote;
import org.forumkit.model.SourceState;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.UserId;
import org.forumkit.model.VoteKind;
import org.forumkit.spi.store.StoredTopicPage;

/**
 * The topic page read with plain JDBC on the transaction's own connection ({@link EntityManager#callWithConnection}),
 * so it keeps the store's transaction, its isolation and its replica routing, while nothing of the page passes
 * through the persistence context: two statements, the header (topic, board and the viewer's bans) and the posts
 * with the viewer's votes, their quotes and the quotes' sources. The entity reads cost most of a served page's
 * server time (BENCHMARKS.md "The served page over HTTP"); the columns read here are those the entities map.
 */
final class JdbcReads {
    private static final String TOPIC_COLUMNS = "t.board_id, t.title, t.topic_type, t.author_id, t.author_name,"
            + " t.created_at, t.pin_level, t.locked, t.external_key, t.views, t.replies, t.highest_floor,"
            + " t.last_post_at, t.last_post_by_id, t.last_post_by_name";
    private static final String BOARD_COLUMNS = "b.parent_id, b.kind, b.slug, b.name, b.description, b.position,"
            + " b.moderators, b.topic_types, b.access_policy, b.topic_count, b.post_count, b.last_topic_id,"
            + " b.last_post_id, b.last_post_floor, b.last_post_author_id, b.last_post_author_name, b.last_post_at,"
            + " b.moderation";
    private static final String BAN_COLUMNS = "x.id, x.user_id, x.board_id, x.kind, x.reason, x.by_id, x.by_name,"
            + " x.created_at, x.expires_at, x.lifted_by_id, x.lifted_by_name, x.lifted_at";
    private static final String HEADER_FROM = " FROM fk_topic t JOIN fk_board b ON b.id = t.board_id";
    /** An anonymous viewer has no bans: no join. */
    private static final String ANONYMOUS_HEADER = "SELECT " + TOPIC_COLUMNS + ", " + BOARD_COLUMNS + HEADER_FROM
            + " WHERE t.id = ?";
    /** One row per ban of the viewer that is not lifted, in the topic's board or everywhere; one row without any. */
    private static final String MEMBER_HEADER = "SELECT " + TOPIC_COLUMNS + ", " + BOARD_COLUMNS + ", " + BAN_COLUMNS
            + HEADER_FROM + " LEFT JOIN fk_ban x ON x.user_id = ? AND x.lifted_at IS NULL"
            + " AND (x.board_id IS NULL OR x.board_id = t.board_id) WHERE t.id = ? ORDER BY x.id";
    private static final int BAN_FIRST = 34;

    private static final String POST_COLUMNS = "p.id, p.floor, p.author_id, p.author_name, p.created_at, p.edited_at,"
            + " p.revision, p.body, p.format, p.html, p.renderer, p.state, p.reply_to_floor, p.support, p.oppose";
    private static final String QUOTE_JOINS = " LEFT JOIN fk_quote q ON q.post_id = p.id"
            + " LEFT JOIN fk_post s ON s.id = q.source_post_id";
    private static final String QUOTE_COLUMNS = ", q.source_post_id, q.source_floor, q.source_author_id,"
            + " q.source_author_name, q.source_posted_at, q.source_revision, q.excerpt, q.whole, q.truncated,"
            + " s.revision, s.state";

    private JdbcReads() {
    }

    /** {@link PostRows#topicPage}: two statements whatever the page's size and the viewer. */
    static Optional<StoredTopicPage> topicPage(EntityManager em, TopicId topicId, TopicPageRequest request,
            Optional<UserId> viewer) {
        return em.callWithConnection((Connection c) -> topicPage(c, topicId, request, viewer));
    }

    private static Optional<StoredTopicPage> topicPage(Connection c, TopicId topicId, TopicPageRequest request,
            Optional<UserId> viewer) throws SQLException {
        Times times = Times.of(c);
        Topic topic;
        Board board;
        List<Ban> bans = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(viewer.isPresent() ? MEMBER_HEADER : ANONYMOUS_HEADER)) {
            int i = 1;
            if (viewer.isPresent()) {
                s.setString(i++, viewer.get().value());
            }
            s.setLong(i, topicId.value());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                topic = topic(topicId, r, times);
                board = board(r, times);
                do {
                    if (viewer.isPresent()) {
                        long ban = r.getLong(BAN_FIRST);
                        if (!r.wasNull()) {
                            bans.add(ban(ban, r, times));
                        }
                    }
                } while (r.next());
            }
        }

        // A floor range (keyset on the unique (topic_id, floor) index), never an offset. Floors are gap-free, so
        // without an author filter the page is exactly [from, from + size): a bounded range every database reads
        // from the index at any depth, with at most size posts. With one, the posts are limited first, then joined.
        String onlyAuthor = request.optionalOnlyAuthor().map(UserId::value).orElse(null);
        StringBuilder sql = new StringBuilder("SELECT ").append(POST_COLUMNS)
                .append(viewer.isPresent() ? ", v.kind" : ", NULL").append(QUOTE_COLUMNS);
        if (onlyAuthor == null) {
            sql.append(" FROM fk_post p");
        } else {
            sql.append(" FROM (SELECT * FROM fk_post WHERE topic_id = ? AND floor >= ? AND author_id = ?"
                    + " ORDER BY floor LIMIT ?) p");
        }
        if (viewer.isPresent()) {
            // The viewer's own vote on each post: the vote's primary key.
            sql.append(" LEFT JOIN fk_vote v ON v.post_id = p.id AND v.voter = ?");
        }
        sql.append(QUOTE_JOINS);
        if (onlyAuthor == null) {
            sql.append(" WHERE p.topic_id = ? AND p.floor >= ? AND p.floor < ?");
        }
        sql.append(" ORDER BY p.floor, q.position");

        List<Post> posts = new ArrayList<>();
        Map<PostId, VoteKind> votes = new HashMap<>();
        Map<PostId, SourceState> sources = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            int i = 1;
            if (onlyAuthor != null) {
                s.setLong(i++, topicId.value());
                s.setInt(i++, request.fromFloor());
                s.setString(i++, onlyAuthor);
                s.setInt(i++, request.size());
            }
            if (viewer.isPresent()) {
                s.setString(i++, viewer.get().value());
            }
            if (onlyAuthor == null) {
                s.setLong(i++, topicId.value());
                s.setInt(i++, request.fromFloor());
                s.setInt(i, (int) Math.min(Integer.MAX_VALUE, (long) request.fromFloor() + request.size()));
            }
            try (ResultSet r = s.executeQuery()) {
                readPosts(topicId, r, times, posts, votes, sources);
            }
        }
        return Optional.of(new StoredTopicPage(board, topic, posts, votes, sources, bans));
    }

    /** The rows of the posts statement: one per post and quote, in floor and quote order. */
    private static void readPosts(TopicId topic, ResultSet r, Times times, List<Post> posts,
            Map<PostId, VoteKind> votes, Map<PostId, SourceState> sources) throws SQLException {
        long current = 0;
        PostRow row = null;
        while (r.next()) {
            long id = r.getLong(1);
            if (row == null || id != current) {
                if (row != null) {
                    posts.add(row.post(topic));
                }
                current = id;
                row = new PostRow(id, r.getInt(2), Records.author(r.getString(3), r.getString(4)), times.get(r, 5),
                        times.get(r, 6), r.getInt(7), r.getString(8), r.getString(9), r.getString(10),
                        r.getString(11), r.getString(12), r.getObject(13, Integer.class), r.getLong(14),
                        r.getLong(15), new ArrayList<>());
                String vote = r.getString(16);
                if (vote != null) {
                    votes.put(PostId.of(id), VoteKind.valueOf(vote));
                }
            }
            long source = r.getLong(17);
            if (!r.wasNull()) {
                PostId sourceId = PostId.of(source);
                row.quotes().add(new Quote(sourceId, r.getInt(18), Records.author(r.getString(19), r.getString(20)),
                        times.get(r, 21), r.getInt(22), r.getString(23), r.getBoolean(24), r.getBoolean(25)));
                sources.put(sourceId, new SourceState(r.getInt(26), PostState.valueOf(r.getString(27))));
            }
        }
        if (row != null) {
            posts.add(row.post(topic));
        }
    }

    private record PostRow(long id, int floor, Author author, Instant createdAt, Instant editedAt, int revision,
            String body, String format, String html, String renderer, String state, Integer replyToFloor,
            long support, long oppose, List<Quote> quotes) {
        Post post(TopicId topic) {
            return new Post(PostId.of(id), topic, floor, author, createdAt, editedAt, revision, body,
                    ContentFormat.of(format), html, renderer, PostState.valueOf(state), replyToFloor, support, oppose,
                    quotes);
        }
    }

    /** Columns 1–15 of a header row. */
    private static Topic topic(TopicId id, ResultSet r, Times times) throws SQLException {
        return new Topic(id, BoardId.of(r.getLong(1)), r.getString(2), r.getString(3),
                Records.author(r.getString(4), r.getString(5)), times.get(r, 6), r.getInt(7), r.getBoolean(8),
                r.getString(9), r.getLong(10), r.getLong(11), r.getInt(12), times.get(r, 13),
                Records.author(r.getString(14), r.getString(15)));
    }

    /** Columns 16–33 of a header row (the board's id is the topic's board_id, column 1). */
    private static Board board(ResultSet r, Times times) throws SQLException {
        long parent = r.getLong(16);
        BoardId parentId = r.wasNull() ? null : BoardId.of(parent);
        long lastPost = r.getLong(28);
        LastPost last = r.wasNull() ? null : new LastPost(TopicId.of(r.getLong(27)), PostId.of(lastPost),
                r.getInt(29), Records.author(r.getString(30), r.getString(31)), times.get(r, 32));
        return new Board(BoardId.of(r.getLong(1)), parentId, BoardKind.valueOf(r.getString(17)), r.getString(18),
                r.getString(19), r.getString(20), r.getInt(21), JsonText.userIds(r.getString(22)),
                JsonText.strings(r.getString(23)), JsonText.policy(r.getString(24)), r.getLong(25), r.getLong(26),
                last, JsonText.moderation(r.getString(33)));
    }

    /** The ban columns of a header row, from {@link #BAN_FIRST}. */
    private static Ban ban(long id, ResultSet r, Times times) throws SQLException {
        int at = BAN_FIRST;
        long board = r.getLong(at + 2);
        BoardId boardId = r.wasNull() ? null : BoardId.of(board);
        String liftedById = r.getString(at + 9);
        return new Ban(BanId.of(id), UserId.of(r.getString(at + 1)), boardId, BanKind.valueOf(r.getString(at + 3)),
                r.getString(at + 4), Records.author(r.getString(at + 5), r.getString(at + 6)), times.get(r, at + 7),
                times.get(r, at + 8), liftedById == null ? null : Records.author(liftedById, r.getString(at + 10)),
                times.get(r, at + 11));
    }

    /**
     * How the columns the entities map as {@link Instant} read back: PostgreSQL and H2 have {@code TIMESTAMP WITH TIME
     * ZONE}; MariaDB's (and MySQL's) {@code DATETIME(6)} holds the UTC wall time, as Hibernate writes an instant there.
     */
    private enum Times {
        ZONED, UTC_WALL;

        static Times of(Connection c) throws SQLException {
            String product = c.getMetaData().getDatabaseProductName();
            return "MariaDB".equalsIgnoreCase(product) || "MySQL".equalsIgnoreCase(product) ? UTC_WALL : ZONED;
        }

        Instant get(ResultSet r, int column) throws SQLException {
            if (this == UTC_WALL) {
                LocalDateTime time = r.getObject(column, LocalDateTime.class);
                return time == null ? null : time.toInstant(ZoneOffset.UTC);
            }
            OffsetDateTime time = r.getObject(column, OffsetDateTime.class);
            return time == null ? null : time.toInstant();
        }
    }
}
