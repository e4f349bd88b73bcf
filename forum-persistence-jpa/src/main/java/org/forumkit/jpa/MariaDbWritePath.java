package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.Quote;
import org.forumkit.model.UserId;
import org.forumkit.model.VoteChange;
import org.forumkit.model.VoteKind;
import org.forumkit.spi.store.IndexedTerm;
import org.forumkit.spi.store.NewPost;
import org.forumkit.spi.store.SearchIndexWriter;

/**
 * The hot writes on MariaDB (also Galera), as one call each of the stored procedures migration V19 creates
 * ({@code fk_append_reply}, {@code fk_cast_vote}), on the transaction's connection. MariaDB has no
 * {@code UPDATE … RETURNING} and no data-modifying CTEs: sent one by one, a reply's statements held the topic row's
 * lock for three more round trips (post, board shard, search terms) and a vote's the post row's for two, each
 * waiting for the client thread to get a core back; in a procedure the server runs them back to back, and only
 * the commit follows under the lock.
 */
final class MariaDbWritePath implements WritePath {
    private static final Jdbc JDBC = new Jdbc(true);

    @Override
    public Jdbc jdbc() {
        return JDBC;
    }

    /** Not {@code prepareCall}: the driver would read the procedure's parameters from the catalogue first. */
    private static final Jdbc.Sql APPEND = Jdbc.Sql.of("call fk_append_reply(:topic, :visible, :shard, :at, :byId,"
            + " :byName, :body, :format, :html, :renderer, :state, :replyTo, :terms)");
    private static final String VOTE = "call fk_cast_vote(?, ?, ?)";

    /**
     * A procedure the schema lacks (ER_SP_DOES_NOT_EXIST), told as what it is: a schema migrated without this
     * server's folder. Nothing is checked beforehand (an {@code information_schema} query makes a temporary table).
     */
    private static <T> T call(EntityManager em, Jdbc.Work<T> work) {
        return Jdbc.callRoutine(em, e -> e.getErrorCode() == 1305, "the schema lacks the procedures fk_append_reply"
                + " and fk_cast_vote of migration V19: migrate it from both locations of"
                + " JpaForumStore.migrations(\"mariadb\") (db/forumkit/common and db/forumkit/mariadb), and grant the"
                + " forum's user EXECUTE on them", work);
    }

    @Override
    public Post appendReply(PostRows posts, BoardRows boards, NewPost reply, long topicId, boolean visible) {
        return append(posts, reply, topicId, visible, null);
    }

    @Override
    public Post appendIndexedReply(PostRows posts, BoardRows boards, NewPost reply, long topicId, boolean visible,
            List<IndexedTerm> terms, SearchIndexWriter search) {
        return append(posts, reply, topicId, visible, terms.isEmpty() ? null : JsonText.terms(terms));
    }

    private static Post append(PostRows posts, NewPost reply, long topicId, boolean visible, String terms) {
        Post post = call(posts.em, c -> {
            long id;
            int floor;
            try (PreparedStatement call = c.prepareStatement(APPEND.jdbc())) {
                APPEND.bind(call, "topic", topicId, JDBC);
                APPEND.bind(call, "visible", visible, JDBC);
                APPEND.bind(call, "shard", BoardCounterEntity.shard(topicId), JDBC);
                WritePath.bindReply(APPEND, call, reply, JDBC);
                APPEND.bind(call, "terms", terms, JDBC);
                try (ResultSet row = firstRow(call)) {
                    if (row == null) {
                        return null;
                    }
                    floor = row.getInt(1);
                    id = row.getLong(2);
                }
            }
            List<Quote> quotes = JDBC.insertQuotes(c, id, reply.quotes());
            return Records.post(id, floor, reply, quotes);
        });
        if (post == null) {
            throw new NotFoundException(Kind.TOPIC, reply.topicId());
        }
        return post;
    }

    /** The call's result set on its first row, or {@code null} when the procedure returned none (nothing found). */
    private static ResultSet firstRow(PreparedStatement call) throws SQLException {
        if (!call.execute()) {
            return null;
        }
        ResultSet rows = call.getResultSet();
        if (!rows.next()) {
            rows.close();
            return null;
        }
        return rows;
    }

    /**
     * One call: the post row's lock, the voter's old vote read under it, the new one written and the counts moved,
     * on the server ({@code fk_cast_vote}); under the lock only the commit follows, where the statements sent one by
     * one held it for two more round trips.
     */
    @Override
    public VoteChange castVote(VoteRows votes, PostId id, UserId voter, VoteKind vote) {
        VoteChange change = call(votes.em, c -> {
            try (PreparedStatement call = c.prepareStatement(VOTE)) {
                call.setLong(1, id.value());
                call.setString(2, voter.value());
                if (vote == null) {
                    call.setNull(3, Types.VARCHAR);
                } else {
                    call.setString(3, vote.name());
                }
                try (ResultSet row = firstRow(call)) {
                    if (row == null) {
                        return null;
                    }
                    String before = row.getString(1);
                    return new VoteChange(id, voter, before == null ? null : VoteKind.valueOf(before), vote,
                            row.getLong(2), row.getLong(3));
                }
            }
        });
        if (change == null) {
            throw new NotFoundException(Kind.POST, id);
        }
        return change;
    }
}
