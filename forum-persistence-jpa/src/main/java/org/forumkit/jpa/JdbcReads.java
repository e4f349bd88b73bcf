package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.forumkit.model.Author;
import org.forumkit.model.Ban;
import org.forumkit.model.BanId;
import org.forumkit.model.Board;
import org.forumkit.model.ContentFormat;
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
 * The topic page read with plain JDBC on the entity manager's own connection ({@link EntityManager#callWithConnection}),
 * so it keeps the store's transaction (when there is one), its isolation and its replica routing, while nothing of the
 * page passes through the persistence context: one statement, the header (topic, board and the viewer's bans) joined
 * with the posts, the viewer's votes, their quotes and the quotes' sources. Being one statement, it needs no
 * transaction ({@link JpaForumStore#topicPage} reads it in auto-commit). The entity reads cost most of a served page's
 * server time (BENCHMARKS.md "The served page over HTTP"); the columns read here are those the entities map.
 */
final class JdbcReads {
    private static final String HEADER_FROM = " FROM fk_topic t JOIN fk_board b ON b.id = t.board_id"
            + Lookups.BOARD_LAST_POST;
    /** An anonymous viewer has no bans: no join. */
    private static final String ANONYMOUS_HEADER = "SELECT " + Lookups.TOPIC + ", " + Lookups.BOARD + HEADER_FROM
            + " WHERE t.id = ?";
    /** The viewer's bans that are not lifted, in the topic's board or everywhere: one row per ban, one without. */
    private static final String BAN_JOIN = " LEFT JOIN fk_ban x ON x.user_id = ? AND x.lifted_at IS NULL"
            + " AND (x.board_id IS NULL OR x.board_id = t.board_id)";
    private static final String MEMBER_HEADER = "SELECT " + Lookups.TOPIC + ", " + Lookups.BOARD + ", " + Lookups.BAN
            + HEADER_FROM + BAN_JOIN + " WHERE t.id = ?";

    private static final String POST_COLUMNS = "p.id, p.floor, p.author_id, p.author_name, p.created_at, p.edited_at,"
            + " p.revision, p.body, p.format, p.html, p.renderer, p.state, p.reply_to_floor, p.support, p.oppose";
    /** The viewer's own vote on each post: the vote's primary key. */
    private static final String VOTE_JOIN = " LEFT JOIN fk_vote v ON v.post_id = p.id AND v.voter = ?";
    private static final String QUOTE_JOINS = " LEFT JOIN fk_quote q ON q.post_id = p.id"
            + " LEFT JOIN fk_post s ON s.id = q.source_post_id";
    private static final String QUOTE_COLUMNS = ", q.source_post_id, q.source_floor, q.source_author_id,"
            + " q.source_author_name, q.source_posted_at, q.source_revision, q.excerpt, q.whole, q.truncated,"
            + " s.revision, s.state, q.position";

    /** The header's columns are the hot writes' lookups' (topic, board, ban), mapped by the same code. */
    private final Lookups lookups;
    private final Jdbc jdbc;

    JdbcReads(Lookups lookups, Jdbc jdbc) {
        this.lookups = lookups;
        this.jdbc = jdbc;
    }

    /**
     * {@link PostRows#topicPage}: one statement whatever the page's size and the viewer (two with an author filter:
     * the header, then the author's posts).
     */
    Optional<StoredTopicPage> topicPage(EntityManager em, TopicId topicId, TopicPageRequest request,
            Optional<UserId> viewer) {
        return Jdbc.call(em, c -> topicPage(c, topicId, request, viewer));
    }

    /** A page's first statement: the topic, its board and the viewer's bans there that are not lifted. */
    record Header(Topic topic, Board board, List<Ban> bans) {
    }

    /** The {@link Header} of {@code topicId} for {@code viewer} in one statement; empty when there is no such topic. */
    Optional<Header> header(EntityManager em, TopicId topicId, Optional<UserId> viewer) {
        return Jdbc.call(em, c -> header(c, topicId, viewer));
    }

    private Optional<Header> header(Connection c, TopicId topicId, Optional<UserId> viewer) throws SQLException {
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
                Topic topic = lookups.topic(r, 1);
                Board board = lookups.board(r, 1 + Lookups.TOPIC_COLUMNS);
                List<Ban> bans = viewer.isPresent()
                        ? lookups.bans(r, 1 + Lookups.TOPIC_COLUMNS + Lookups.BOARD_COLUMNS) : List.of();
                return Optional.of(new Header(topic, board, bans));
            }
        }
    }

    private Optional<StoredTopicPage> topicPage(Connection c, TopicId topicId, TopicPageRequest request,
            Optional<UserId> viewer) throws SQLException {
        if (request.optionalOnlyAuthor().isEmpty()) {
            return wholePage(c, topicId, request, viewer);
        }
        Optional<Header> header = header(c, topicId, viewer);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        // With an author filter the floors are not contiguous: the posts are limited first, then joined. The derived
        // table holds only ids, so a database that materializes it keeps it in memory (MariaDB puts one with TEXT
        // columns on disk).
        StringBuilder sql = new StringBuilder("SELECT ").append(POST_COLUMNS)
                .append(viewer.isPresent() ? ", v.kind" : ", NULL").append(QUOTE_COLUMNS)
                .append(" FROM (SELECT id FROM fk_post WHERE topic_id = ? AND floor >= ? AND author_id = ?"
                        + " ORDER BY floor LIMIT ?) a JOIN fk_post p ON p.id = a.id");
        if (viewer.isPresent()) {
            sql.append(VOTE_JOIN);
        }
        sql.append(QUOTE_JOINS);
        Rows rows = new Rows(topicId);
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            int i = 1;
            s.setLong(i++, topicId.value());
            s.setInt(i++, request.fromFloor());
            s.setString(i++, request.optionalOnlyAuthor().get().value());
            s.setInt(i++, request.size());
            if (viewer.isPresent()) {
                s.setString(i, viewer.get().value());
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(r, 1);
                }
            }
        }
        return Optional.of(rows.page(header.get()));
    }

    /**
     * A page without an author filter in ONE statement: the header (topic, board, the viewer's bans) joined with the
     * posts of the floor range, their votes, quotes and sources. One statement sees one snapshot on every database, so
     * the page is consistent without a transaction around it (and with one, under any isolation). Floors are
     * gap-free, so the page is exactly [from, from + size): a bounded range every database reads from the unique
     * (topic_id, floor) index at any depth, with at most size posts; an outer join, so a topic past its last floor
     * still answers its header. Each row repeats the header (the topic and board, tens of columns) and, for a viewer
     * with several bans, every post row comes once per ban: both are read once here.
     */
    private Optional<StoredTopicPage> wholePage(Connection c, TopicId topicId, TopicPageRequest request,
            Optional<UserId> viewer) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ").append(Lookups.TOPIC).append(", ").append(Lookups.BOARD);
        if (viewer.isPresent()) {
            sql.append(", ").append(Lookups.BAN);
        }
        sql.append(", ").append(POST_COLUMNS).append(viewer.isPresent() ? ", v.kind" : ", NULL").append(QUOTE_COLUMNS)
                .append(HEADER_FROM);
        if (viewer.isPresent()) {
            sql.append(BAN_JOIN);
        }
        sql.append(" LEFT JOIN fk_post p ON p.topic_id = t.id AND p.floor >= ? AND p.floor < ?");
        if (viewer.isPresent()) {
            sql.append(VOTE_JOIN);
        }
        // No ORDER BY: the rows are put in order in Java (at most a page of posts). Sorting the joined rows, TEXT
        // columns and all, made MariaDB write an on-disk temporary table on every page (NoTemporaryTablesTest).
        sql.append(QUOTE_JOINS).append(" WHERE t.id = ?");
        int posts = 1 + Lookups.TOPIC_COLUMNS + Lookups.BOARD_COLUMNS + (viewer.isPresent() ? Lookups.BAN_COLUMNS : 0);
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            int i = 1;
            if (viewer.isPresent()) {
                s.setString(i++, viewer.get().value());
            }
            s.setInt(i++, request.fromFloor());
            s.setInt(i++, (int) Math.min(Integer.MAX_VALUE, (long) request.fromFloor() + request.size()));
            if (viewer.isPresent()) {
                s.setString(i++, viewer.get().value());
            }
            s.setLong(i, topicId.value());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                Topic topic = lookups.topic(r, 1);
                Board board = lookups.board(r, 1 + Lookups.TOPIC_COLUMNS);
                Map<BanId, Ban> bans = new HashMap<>();
                Rows rows = new Rows(topicId);
                do {
                    if (viewer.isPresent()) {
                        Ban ban = lookups.ban(r, 1 + Lookups.TOPIC_COLUMNS + Lookups.BOARD_COLUMNS);
                        if (ban != null) {
                            bans.putIfAbsent(ban.id(), ban);
                        }
                    }
                    rows.add(r, posts);
                } while (r.next());
                List<Ban> viewerBans = bans.values().stream().sorted(Comparator.comparing(Ban::id)).toList();
                return Optional.of(rows.page(new Header(topic, board, viewerBans)));
            }
        }
    }

    /**
     * The post rows of a page's statement, one per post and quote (and ban), in any order: grouped by post here, the
     * posts put in floor order and each post's quotes in position order.
     */
    private final class Rows {
        private final TopicId topic;
        private final Map<Long, PostRow> rows = new HashMap<>();
        private final Map<PostId, VoteKind> votes = new HashMap<>();
        private final Map<PostId, SourceState> sources = new HashMap<>();

        Rows(TopicId topic) {
            this.topic = topic;
        }

        /** The post columns from {@code at}; a row without a post (the outer join past the last floor) adds none. */
        void add(ResultSet r, int at) throws SQLException {
            long id = r.getLong(at);
            if (r.wasNull()) {
                return;
            }
            PostRow row = rows.get(id);
            if (row == null) {
                row = new PostRow(id, r.getInt(at + 1), Records.author(r.getString(at + 2), r.getString(at + 3)),
                        jdbc.instant(r, at + 4), jdbc.instant(r, at + 5), r.getInt(at + 6), r.getString(at + 7),
                        r.getString(at + 8), r.getString(at + 9), r.getString(at + 10), r.getString(at + 11),
                        r.getObject(at + 12, Integer.class), r.getLong(at + 13), r.getLong(at + 14), new TreeMap<>());
                rows.put(id, row);
                String vote = r.getString(at + 15);
                if (vote != null) {
                    votes.put(PostId.of(id), VoteKind.valueOf(vote));
                }
            }
            long source = r.getLong(at + 16);
            if (!r.wasNull()) {
                int position = r.getInt(at + 27);
                if (!row.quotes().containsKey(position)) {
                    PostId sourceId = PostId.of(source);
                    row.quotes().put(position, new Quote(sourceId, r.getInt(at + 17),
                            Records.author(r.getString(at + 18), r.getString(at + 19)), jdbc.instant(r, at + 20),
                            r.getInt(at + 21), r.getString(at + 22), r.getBoolean(at + 23), r.getBoolean(at + 24)));
                    sources.put(sourceId, new SourceState(r.getInt(at + 25), PostState.valueOf(r.getString(at + 26))));
                }
            }
        }

        StoredTopicPage page(Header header) {
            List<Post> posts = new ArrayList<>(rows.size());
            rows.values().stream().sorted(Comparator.comparingInt(PostRow::floor))
                    .forEach(row -> posts.add(row.post(topic)));
            return new StoredTopicPage(header.board(), header.topic(), posts, votes, sources, header.bans());
        }
    }

    /** A post's columns and its quotes by position. */
    private record PostRow(long id, int floor, Author author, Instant createdAt, Instant editedAt, int revision,
            String body, String format, String html, String renderer, String state, Integer replyToFloor,
            long support, long oppose, TreeMap<Integer, Quote> quotes) {
        Post post(TopicId topic) {
            return new Post(PostId.of(id), topic, floor, author, createdAt, editedAt, revision, body,
                    ContentFormat.of(format), html, renderer, PostState.valueOf(state), replyToFloor, support, oppose,
                    List.copyOf(quotes.values()));
        }
    }
}
