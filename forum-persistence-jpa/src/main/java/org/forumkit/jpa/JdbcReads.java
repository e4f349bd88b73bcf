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
import org.forumkit.model.Author;
import org.forumkit.model.Ban;
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
 * The topic page read with plain JDBC on the transaction's own connection ({@link EntityManager#callWithConnection}),
 * so it keeps the store's transaction, its isolation and its replica routing, while nothing of the page passes
 * through the persistence context: two statements, the header (topic, board and the viewer's bans) and the posts
 * with the viewer's votes, their quotes and the quotes' sources. The entity reads cost most of a served page's
 * server time (BENCHMARKS.md "The served page over HTTP"); the columns read here are those the entities map.
 */
final class JdbcReads {
    private static final String HEADER_FROM = " FROM fk_topic t JOIN fk_board b ON b.id = t.board_id"
            + Lookups.BOARD_LAST_POST;
    /** An anonymous viewer has no bans: no join. */
    private static final String ANONYMOUS_HEADER = "SELECT " + Lookups.TOPIC + ", " + Lookups.BOARD + HEADER_FROM
            + " WHERE t.id = ?";
    /** One row per ban of the viewer that is not lifted, in the topic's board or everywhere; one row without any. */
    private static final String MEMBER_HEADER = "SELECT " + Lookups.TOPIC + ", " + Lookups.BOARD + ", " + Lookups.BAN
            + HEADER_FROM + " LEFT JOIN fk_ban x ON x.user_id = ? AND x.lifted_at IS NULL"
            + " AND (x.board_id IS NULL OR x.board_id = t.board_id) WHERE t.id = ?";

    private static final String POST_COLUMNS = "p.id, p.floor, p.author_id, p.author_name, p.created_at, p.edited_at,"
            + " p.revision, p.body, p.format, p.html, p.renderer, p.state, p.reply_to_floor, p.support, p.oppose";
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

    /** {@link PostRows#topicPage}: two statements whatever the page's size and the viewer. */
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
        Optional<Header> header = header(c, topicId, viewer);
        if (header.isEmpty()) {
            return Optional.empty();
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
            // The derived table holds only ids, so a database that materializes it keeps it in memory (MariaDB
            // puts one with TEXT columns on disk).
            sql.append(" FROM (SELECT id FROM fk_post WHERE topic_id = ? AND floor >= ? AND author_id = ?"
                    + " ORDER BY floor LIMIT ?) a JOIN fk_post p ON p.id = a.id");
        }
        if (viewer.isPresent()) {
            // The viewer's own vote on each post: the vote's primary key.
            sql.append(" LEFT JOIN fk_vote v ON v.post_id = p.id AND v.voter = ?");
        }
        sql.append(QUOTE_JOINS);
        if (onlyAuthor == null) {
            sql.append(" WHERE p.topic_id = ? AND p.floor >= ? AND p.floor < ?");
        }
        // No ORDER BY: the rows are put in order in Java (at most a page of posts). Sorting the joined rows, TEXT
        // columns and all, made MariaDB write an on-disk temporary table on every page (NoTemporaryTablesTest).

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
                readPosts(topicId, r, posts, votes, sources);
            }
        }
        return Optional.of(new StoredTopicPage(header.get().board(), header.get().topic(), posts, votes, sources,
                header.get().bans()));
    }

    /**
     * The rows of the posts statement, one per post and quote, in any order: grouped by post here, the posts put in
     * floor order and each post's quotes in position order.
     */
    private void readPosts(TopicId topic, ResultSet r, List<Post> posts,
            Map<PostId, VoteKind> votes, Map<PostId, SourceState> sources) throws SQLException {
        Map<Long, PostRow> rows = new HashMap<>();
        while (r.next()) {
            long id = r.getLong(1);
            PostRow row = rows.get(id);
            if (row == null) {
                row = new PostRow(id, r.getInt(2), Records.author(r.getString(3), r.getString(4)), jdbc.instant(r, 5),
                        jdbc.instant(r, 6), r.getInt(7), r.getString(8), r.getString(9), r.getString(10),
                        r.getString(11), r.getString(12), r.getObject(13, Integer.class), r.getLong(14),
                        r.getLong(15), new ArrayList<>());
                rows.put(id, row);
                String vote = r.getString(16);
                if (vote != null) {
                    votes.put(PostId.of(id), VoteKind.valueOf(vote));
                }
            }
            long source = r.getLong(17);
            if (!r.wasNull()) {
                PostId sourceId = PostId.of(source);
                row.quotes().add(new Positioned(r.getInt(28), new Quote(sourceId, r.getInt(18),
                        Records.author(r.getString(19), r.getString(20)), jdbc.instant(r, 21), r.getInt(22),
                        r.getString(23), r.getBoolean(24), r.getBoolean(25))));
                sources.put(sourceId, new SourceState(r.getInt(26), PostState.valueOf(r.getString(27))));
            }
        }
        rows.values().stream().sorted(Comparator.comparingInt(PostRow::floor)).forEach(row -> posts.add(row.post(topic)));
    }

    private record PostRow(long id, int floor, Author author, Instant createdAt, Instant editedAt, int revision,
            String body, String format, String html, String renderer, String state, Integer replyToFloor,
            long support, long oppose, List<Positioned> quotes) {
        Post post(TopicId topic) {
            quotes.sort(Comparator.comparingInt(Positioned::position));
            return new Post(PostId.of(id), topic, floor, author, createdAt, editedAt, revision, body,
                    ContentFormat.of(format), html, renderer, PostState.valueOf(state), replyToFloor, support, oppose,
                    quotes.stream().map(Positioned::quote).toList());
        }
    }

    private record Positioned(int position, Quote quote) {
    }
}
