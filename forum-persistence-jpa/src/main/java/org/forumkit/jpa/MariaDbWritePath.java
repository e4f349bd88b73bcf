package org.forumkit.jpa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.Quote;
import org.forumkit.model.UserId;
import org.forumkit.model.VoteChange;
import org.forumkit.model.VoteKind;
import org.forumkit.spi.store.NewPost;

/**
 * The hot writes on MariaDB (also Galera), as plain JDBC on the transaction's connection. MariaDB has no
 * {@code UPDATE … RETURNING}; {@code LAST_INSERT_ID(expr)} carries a value back instead, in the statement's own
 * reply (the OK packet's insert id, which the driver gives as its generated key), so no statement reads it back.
 */
final class MariaDbWritePath implements WritePath {
    private static final Jdbc JDBC = new Jdbc(true);

    @Override
    public Jdbc jdbc() {
        return JDBC;
    }

    /** Allocates the floor and, for a visible reply, moves the topic's counters; the new floor is the insert id. */
    private static final Jdbc.Sql ALLOCATE_VISIBLE = Jdbc.Sql.of("update fk_topic set"
            + " highest_floor = last_insert_id(highest_floor + 1), replies = replies + 1, last_post_at = :at,"
            + " last_post_by_id = :byId, last_post_by_name = :byName where id = :topic");
    private static final Jdbc.Sql ALLOCATE_HIDDEN = Jdbc.Sql.of("update fk_topic set"
            + " highest_floor = last_insert_id(highest_floor + 1) where id = :topic");
    private static final Jdbc.Sql INSERT_POST = Jdbc.Sql.of("insert into fk_post (topic_id, floor, author_id,"
            + " author_name, created_at, revision, body, format, html, renderer, state, reply_to_floor, support, oppose)"
            + " values (:topic, :floor, :byId, :byName, :at, 1, :body, :format, :html, :renderer, :state, :replyTo, 0, 0)");
    /**
     * The topic's shard of its board's counters, its board read under the topic row's lock that this transaction
     * holds (a move waits for it). The shard's last post becomes this one only if it is newer (a higher id) than the
     * shard's, as readers pick the shards' newest: two replies to topics of one shard may update it in either order.
     * A single-table update, whose assignments MariaDB makes left to right: the last post's id goes last, so every
     * test before it reads the shard's old one.
     */
    private static final String NEWER = ":post > coalesce(last_post_id, 0)";
    private static final Jdbc.Sql BOARD = Jdbc.Sql.of("update fk_board_counter set post_count = post_count + 1,"
            + " last_topic_id = if(" + NEWER + ", :topic, last_topic_id),"
            + " last_post_floor = if(" + NEWER + ", :floor, last_post_floor),"
            + " last_post_author_id = if(" + NEWER + ", :byId, last_post_author_id),"
            + " last_post_author_name = if(" + NEWER + ", :byName, last_post_author_name),"
            + " last_post_at = if(" + NEWER + ", :at, last_post_at),"
            + " last_post_id = greatest(coalesce(last_post_id, 0), :post)"
            + " where board_id = (select t.board_id from fk_topic t where t.id = :topic) and shard = :shard");

    /**
     * Writes the vote and returns the old one as the insert id: 0 when the row is new, else the old kind's code
     * ({@link #code}); the update clause reads the row's current value under its lock.
     */
    private static final String UPSERT = "insert into fk_vote (post_id, voter, kind) values (?, ?, ?)"
            + " on duplicate key update kind = if(last_insert_id(case kind when 'SUPPORT' then 1"
            + " when 'OPPOSE' then 2 else 3 end) > 0, values(kind), values(kind))";

    @Override
    public Post appendReply(PostRows posts, BoardRows boards, NewPost reply, long topicId, boolean visible) {
        Post post = Jdbc.call(posts.em, c -> {
            Jdbc.Sql allocate = visible ? ALLOCATE_VISIBLE : ALLOCATE_HIDDEN;
            int floor;
            // The topic row first (parent before child): InnoDB's shared lock on the parent that the post insert
            // takes then never meets a waiting counter update.
            try (PreparedStatement update = c.prepareStatement(allocate.jdbc(), Statement.RETURN_GENERATED_KEYS)) {
                bindAuthor(allocate, update, reply, visible);
                allocate.bind(update, "topic", topicId, JDBC);
                if (update.executeUpdate() == 0) {
                    return null;
                }
                floor = (int) generatedKey(update);
            }
            long id;
            try (PreparedStatement insert = c.prepareStatement(INSERT_POST.jdbc(), Statement.RETURN_GENERATED_KEYS)) {
                bindAuthor(INSERT_POST, insert, reply, true);
                INSERT_POST.bind(insert, "topic", topicId, JDBC);
                INSERT_POST.bind(insert, "floor", floor, JDBC);
                INSERT_POST.bind(insert, "body", reply.body(), JDBC);
                INSERT_POST.bind(insert, "format", reply.format().name(), JDBC);
                INSERT_POST.bind(insert, "html", reply.html(), JDBC);
                INSERT_POST.bind(insert, "renderer", reply.renderer(), JDBC);
                INSERT_POST.bind(insert, "state", reply.state().name(), JDBC);
                INSERT_POST.bind(insert, "replyTo", reply.replyToFloor(), JDBC);
                insert.executeUpdate();
                id = generatedKey(insert);
            }
            List<Quote> quotes = JDBC.insertQuotes(c, id, reply.quotes());
            if (visible) {
                try (PreparedStatement board = c.prepareStatement(BOARD.jdbc())) {
                    bindAuthor(BOARD, board, reply, true);
                    BOARD.bind(board, "topic", topicId, JDBC);
                    BOARD.bind(board, "post", id, JDBC);
                    BOARD.bind(board, "floor", floor, JDBC);
                    BOARD.bind(board, "shard", BoardCounterEntity.shard(topicId), JDBC);
                    board.executeUpdate();
                }
            }
            return Records.post(id, floor, reply, quotes);
        });
        if (post == null) {
            throw new NotFoundException(Kind.TOPIC, reply.topicId());
        }
        return post;
    }

    private static void bindAuthor(Jdbc.Sql sql, PreparedStatement statement, NewPost reply, boolean visible)
            throws SQLException {
        if (visible) {
            sql.bind(statement, "at", reply.createdAt(), JDBC);
            sql.bind(statement, "byId", reply.author().id().value(), JDBC);
            sql.bind(statement, "byName", reply.author().displayName(), JDBC);
        }
    }

    private static long generatedKey(Statement statement) throws SQLException {
        try (ResultSet keys = statement.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("no insert id after " + statement);
            }
            return keys.getLong(1);
        }
    }

    /**
     * Locks the post row with a locking read of its counts; then one statement writes the vote and returns the old
     * one (an upsert, or a {@code DELETE … RETURNING} to retract), and one moves the counts, unless nothing changed:
     * three statements, two under the lock, where the entity path took four and three.
     */
    @Override
    public VoteChange castVote(VoteRows votes, PostId id, UserId voter, VoteKind vote) {
        VoteChange change = Jdbc.call(votes.em, c -> {
            long support;
            long oppose;
            try (PreparedStatement lock = c.prepareStatement(
                    "select support, oppose from fk_post where id = ? for update")) {
                lock.setLong(1, id.value());
                try (ResultSet row = lock.executeQuery()) {
                    if (!row.next()) {
                        return null;
                    }
                    support = row.getLong(1);
                    oppose = row.getLong(2);
                }
            }
            VoteKind before = vote == null ? retract(c, id, voter) : upsert(c, id, voter, vote);
            if (before == vote) {
                return new VoteChange(id, voter, before, vote, support, oppose);
            }
            long supportDelta = VoteKind.delta(before, vote, VoteKind.SUPPORT);
            long opposeDelta = VoteKind.delta(before, vote, VoteKind.OPPOSE);
            try (PreparedStatement counts = c.prepareStatement(
                    "update fk_post set support = support + ?, oppose = oppose + ? where id = ?")) {
                counts.setLong(1, supportDelta);
                counts.setLong(2, opposeDelta);
                counts.setLong(3, id.value());
                counts.executeUpdate();
            }
            return new VoteChange(id, voter, before, vote, support + supportDelta, oppose + opposeDelta);
        });
        if (change == null) {
            throw new NotFoundException(Kind.POST, id);
        }
        return change;
    }

    private static VoteKind upsert(Connection c, PostId id, UserId voter, VoteKind vote) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement(UPSERT, Statement.RETURN_GENERATED_KEYS)) {
            upsert.setLong(1, id.value());
            upsert.setString(2, voter.value());
            upsert.setString(3, vote.name());
            upsert.executeUpdate();
            try (ResultSet keys = upsert.getGeneratedKeys()) {
                return keys.next() ? kind(keys.getLong(1)) : null;
            }
        }
    }

    private static VoteKind retract(Connection c, PostId id, UserId voter) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(
                "delete from fk_vote where post_id = ? and voter = ? returning kind")) {
            delete.setLong(1, id.value());
            delete.setString(2, voter.value());
            try (ResultSet row = delete.executeQuery()) {
                return row.next() ? VoteKind.valueOf(row.getString(1)) : null;
            }
        }
    }

    /** The old kind from its code in {@link #UPSERT}; 0 (no key) is no old vote. */
    private static VoteKind kind(long code) {
        return code == 0 ? null : code == 1 ? VoteKind.SUPPORT : code == 2 ? VoteKind.OPPOSE
                : failUnknown(code);
    }

    private static VoteKind failUnknown(long code) {
        throw new IllegalStateException("fk_vote holds a kind this store does not know (code " + code + ")");
    }
}
