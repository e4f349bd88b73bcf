package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.forumkit.model.Ban;
import org.forumkit.model.Board;
import org.forumkit.model.LastPost;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.UserId;
import org.forumkit.spi.store.PostInTopic;
import org.forumkit.spi.store.TopicInBoard;
import org.forumkit.spi.store.WithBans;

/**
 * The first read of a reply and of a vote, the topic or post with its board and the viewer's bans there, as one plain
 * JDBC statement mapped by hand: these run before every hot write, and loading them as entities (then detaching
 * them) was most of a vote's CPU and allocation (BENCHMARKS.md, "Where a reply and a vote spend their time"). A
 * post's quotes are read only when it has any.
 */
final class Lookups {
    static final String TOPIC = "t.id, t.board_id, t.title, t.topic_type, t.author_id, t.author_name,"
            + " t.created_at, t.pin_level, t.locked, t.external_key, t.views, t.replies, t.highest_floor,"
            + " t.last_post_at, t.last_post_by_id, t.last_post_by_name";
    static final int TOPIC_COLUMNS = 16;
    /**
     * The board {@code b}'s columns, with its counts summed over its shard rows and its last post from the shard
     * {@link #BOARD_LAST_POST} joins as {@code l}. Correlated scalar subqueries over the 16 rows of the shards'
     * primary key, no GROUP BY or ORDER BY: MariaDB answers them without a temporary table (NoTemporaryTablesTest).
     */
    static final String BOARD = "b.id, b.parent_id, b.kind, b.slug, b.name, b.description, b.position,"
            + " b.moderators, b.topic_types, b.access_policy, b.moderation,"
            + " (select sum(c.topic_count) from fk_board_counter c where c.board_id = b.id),"
            + " (select sum(c.post_count) from fk_board_counter c where c.board_id = b.id),"
            + " l.last_topic_id, l.last_post_id, l.last_post_floor, l.last_post_author_id, l.last_post_author_name,"
            + " l.last_post_at";
    static final int BOARD_COLUMNS = 19;
    /** The shard row of board {@code b} that holds its last post (the highest post id of its shards), as {@code l}. */
    static final String BOARD_LAST_POST = " left join fk_board_counter l on l.board_id = b.id and l.last_post_id ="
            + " (select max(m.last_post_id) from fk_board_counter m where m.board_id = b.id)";
    static final int BAN_COLUMNS = 12;
    static final String BAN = "x.id, x.user_id, x.board_id, x.kind, x.reason, x.by_id, x.by_name, x.created_at,"
            + " x.expires_at, x.lifted_by_id, x.lifted_by_name, x.lifted_at";
    private static final String POST = "p.id, p.topic_id, p.floor, p.author_id, p.author_name, p.created_at,"
            + " p.edited_at, p.revision, p.body, p.format, p.html, p.renderer, p.state, p.reply_to_floor, p.support,"
            + " p.oppose, (select count(*) from fk_quote q where q.post_id = p.id)";
    private static final int POST_COLUMNS = 17;
    /** The viewer's bans on the topic's board or everywhere, not lifted and not expired: one row per ban. */
    private static final String BANS = " left join fk_ban x on x.user_id = ? and x.lifted_at is null"
            + " and (x.expires_at is null or x.expires_at > ?) and (x.board_id is null or x.board_id = t.board_id)";

    private static final String TOPIC_IN_BOARD = "select " + TOPIC + ", " + BOARD + ", " + BAN
            + " from fk_topic t join fk_board b on b.id = t.board_id" + BOARD_LAST_POST + BANS + " where t.id = ?";
    private static final String POST_IN_TOPIC = "select " + POST + ", " + TOPIC + ", " + BOARD + ", " + BAN
            + " from fk_post p join fk_topic t on t.id = p.topic_id join fk_board b on b.id = t.board_id"
            + BOARD_LAST_POST + BANS
            + " where p.id = ?";

    private final Jdbc jdbc;

    Lookups(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Jdbc jdbc() {
        return jdbc;
    }

    Optional<WithBans<TopicInBoard>> topicInBoard(EntityManager em, long id, Optional<UserId> viewer, Instant now) {
        return Jdbc.call(em, c -> {
            try (ResultSet rows = query(c, TOPIC_IN_BOARD, id, viewer, now)) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                Topic topic = topic(rows, 1);
                Board board = board(rows, 1 + TOPIC_COLUMNS);
                List<Ban> bans = bans(rows, 1 + TOPIC_COLUMNS + BOARD_COLUMNS);
                return Optional.of(new WithBans<>(new TopicInBoard(topic, board), bans));
            }
        });
    }

    Optional<WithBans<PostInTopic>> postInTopic(PostRows posts, long id, Optional<UserId> viewer, Instant now) {
        Object[] found = Jdbc.call(posts.em, c -> {
            try (ResultSet rows = query(c, POST_IN_TOPIC, id, viewer, now)) {
                if (!rows.next()) {
                    return null;
                }
                PostEntity post = post(rows, 1);
                long quotes = rows.getLong(POST_COLUMNS);
                Topic topic = topic(rows, 1 + POST_COLUMNS);
                Board board = board(rows, 1 + POST_COLUMNS + TOPIC_COLUMNS);
                List<Ban> bans = bans(rows, 1 + POST_COLUMNS + TOPIC_COLUMNS + BOARD_COLUMNS);
                return new Object[] {post, quotes, topic, board, bans};
            }
        });
        if (found == null) {
            return Optional.empty();
        }
        PostEntity row = (PostEntity) found[0];
        Post post = (Long) found[1] == 0 ? Records.post(row, List.of()) : posts.withQuotes(List.of(row)).get(0);
        @SuppressWarnings("unchecked")
        List<Ban> bans = (List<Ban>) found[4];
        return Optional.of(new WithBans<>(new PostInTopic(post, (Topic) found[2], (Board) found[3]), bans));
    }

    private ResultSet query(Connection c, String sql, long id, Optional<UserId> viewer, Instant now)
            throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        statement.closeOnCompletion();
        jdbc.set(statement, 1, viewer.map(UserId::value).orElse(""));
        jdbc.set(statement, 2, now);
        jdbc.set(statement, 3, id);
        return statement.executeQuery();
    }

    private PostEntity post(ResultSet r, int at) throws SQLException {
        PostEntity p = new PostEntity();
        p.id = r.getLong(at);
        p.topicId = r.getLong(at + 1);
        p.floor = r.getInt(at + 2);
        p.authorId = r.getString(at + 3);
        p.authorName = r.getString(at + 4);
        p.createdAt = jdbc.instant(r, at + 5);
        p.editedAt = jdbc.instant(r, at + 6);
        p.revision = r.getInt(at + 7);
        p.body = r.getString(at + 8);
        p.format = r.getString(at + 9);
        p.html = r.getString(at + 10);
        p.renderer = r.getString(at + 11);
        p.state = r.getString(at + 12);
        p.replyToFloor = Jdbc.integer(r, at + 13);
        p.support = r.getLong(at + 14);
        p.oppose = r.getLong(at + 15);
        return p;
    }

    /** The {@link #TOPIC} columns from {@code at}. */
    Topic topic(ResultSet r, int at) throws SQLException {
        TopicEntity t = new TopicEntity();
        t.id = r.getLong(at);
        t.boardId = r.getLong(at + 1);
        t.title = r.getString(at + 2);
        t.type = r.getString(at + 3);
        t.authorId = r.getString(at + 4);
        t.authorName = r.getString(at + 5);
        t.createdAt = jdbc.instant(r, at + 6);
        t.pinLevel = r.getInt(at + 7);
        t.locked = r.getBoolean(at + 8);
        t.externalKey = r.getString(at + 9);
        t.views = r.getLong(at + 10);
        t.replies = r.getLong(at + 11);
        t.highestFloor = r.getInt(at + 12);
        t.lastPostAt = jdbc.instant(r, at + 13);
        t.lastPostById = r.getString(at + 14);
        t.lastPostByName = r.getString(at + 15);
        return Records.topic(t);
    }

    /** The {@link #BOARD} columns from {@code at}. */
    Board board(ResultSet r, int at) throws SQLException {
        BoardEntity b = new BoardEntity();
        b.id = r.getLong(at);
        b.parentId = Jdbc.longOrNull(r, at + 1);
        b.kind = r.getString(at + 2);
        b.slug = r.getString(at + 3);
        b.name = r.getString(at + 4);
        b.description = r.getString(at + 5);
        b.position = r.getInt(at + 6);
        b.moderators = r.getString(at + 7);
        b.topicTypes = r.getString(at + 8);
        b.accessPolicy = r.getString(at + 9);
        b.moderation = r.getString(at + 10);
        Long lastPost = Jdbc.longOrNull(r, at + 14);
        LastPost last = lastPost == null ? null : new LastPost(TopicId.of(r.getLong(at + 13)), PostId.of(lastPost),
                r.getInt(at + 15), Records.author(r.getString(at + 16), r.getString(at + 17)), jdbc.instant(r, at + 18));
        return Records.board(b, new BoardRows.Counts(r.getLong(at + 11), r.getLong(at + 12), last));
    }

    /** The ban columns of this and every following row (the cursor is on the first row). */
    List<Ban> bans(ResultSet r, int at) throws SQLException {
        List<Ban> bans = new ArrayList<>();
        do {
            Ban ban = ban(r, at);
            if (ban != null) {
                bans.add(ban);
            }
        } while (r.next());
        // In id order, sorted here: an ORDER BY would make MariaDB copy the row, TEXT columns and all, into an
        // on-disk temporary table on every reply and vote (NoTemporaryTablesTest).
        bans.sort(Comparator.comparing(Ban::id));
        return List.copyOf(bans);
    }

    /** The ban columns of this row; null when they are empty (an outer join without a ban). */
    Ban ban(ResultSet r, int at) throws SQLException {
        Long id = Jdbc.longOrNull(r, at);
        if (id == null) {
            return null;
        }
        BanEntity x = new BanEntity();
        x.id = id;
        x.userId = r.getString(at + 1);
        x.boardId = Jdbc.longOrNull(r, at + 2);
        x.kind = r.getString(at + 3);
        x.reason = r.getString(at + 4);
        x.byId = r.getString(at + 5);
        x.byName = r.getString(at + 6);
        x.createdAt = jdbc.instant(r, at + 7);
        x.expiresAt = jdbc.instant(r, at + 8);
        x.liftedById = r.getString(at + 9);
        x.liftedByName = r.getString(at + 10);
        x.liftedAt = jdbc.instant(r, at + 11);
        return Records.ban(x);
    }
}
