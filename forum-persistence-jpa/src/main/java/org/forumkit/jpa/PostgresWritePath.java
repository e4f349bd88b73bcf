package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * The hot writes on PostgreSQL: data-modifying CTEs, so each holds its row lock for fewer round trips, which is what
 * bounds a hot topic's or a hot post's throughput; sent as plain JDBC on the transaction's connection.
 */
final class PostgresWritePath implements WritePath {
    private static final Jdbc JDBC = new Jdbc(false);

    @Override
    public Jdbc jdbc() {
        return JDBC;
    }

    /** The post row of {@link #appendReply}, numbered from the updated topic row {@code t}. */
    private static final String INSERT_FROM_T = "insert into fk_post (topic_id, floor, author_id, author_name,"
            + " created_at, revision, body, format, html, renderer, state, reply_to_floor, support, oppose)"
            + " select t.id, t.highest_floor, :byId, :byName, :at, 1, :body, :format, :html, :renderer, :state,"
            + " :replyTo, 0, 0 from t returning id, floor, topic_id";

    private static final String NEWER = "p.id > coalesce(c.last_post_id, 0)";

    /**
     * The floor allocation, the post row and the board's counters (the topic's shard row of them) in ONE statement
     * (parent rows first), so the topic row lock is held for a single round trip and the commit.
     */
    private static final String VISIBLE_CTES = "with t as (update fk_topic set highest_floor = highest_floor + 1,"
            + " replies = replies + 1, last_post_at = :at, last_post_by_id = :byId, last_post_by_name = :byName"
            + " where id = :topic returning id, highest_floor, board_id),"
            + " p as (" + INSERT_FROM_T + "),"
            // the shard's last post only if this one is newer (a higher id), as readers pick the shards' newest: two
            // replies to topics of one shard may update it in either order
            + " b as (update fk_board_counter c set post_count = c.post_count + 1,"
            + " last_topic_id = case when " + NEWER + " then p.topic_id else c.last_topic_id end,"
            + " last_post_floor = case when " + NEWER + " then p.floor else c.last_post_floor end,"
            + " last_post_author_id = case when " + NEWER + " then :byId else c.last_post_author_id end,"
            + " last_post_author_name = case when " + NEWER + " then :byName else c.last_post_author_name end,"
            + " last_post_at = case when " + NEWER + " then :at else c.last_post_at end,"
            + " last_post_id = greatest(c.last_post_id, p.id)"
            + " from p where c.board_id = (select board_id from t) and c.shard = :shard)";
    private static final String HIDDEN_CTES = "with t as (update fk_topic set highest_floor = highest_floor + 1"
            + " where id = :topic returning id, highest_floor, board_id),"
            + " p as (" + INSERT_FROM_T + ")";
    private static final String SELECT = " select id, floor from p";
    private static final Jdbc.Sql VISIBLE = Jdbc.Sql.of(VISIBLE_CTES + SELECT);
    private static final Jdbc.Sql HIDDEN = Jdbc.Sql.of(HIDDEN_CTES + SELECT);

    /**
     * The new post's row of the search index ({@code fk_search_doc}, see {@link SearchKeyRows}), written by the same
     * statement: under the topic row's lock the reply then costs one round trip and the commit, as the ceiling's.
     */
    private static final String DOC = ", d as (insert into fk_search_doc (post_id, keys, heavy_keys, heavy_weights)"
            + " select id, cast(:keys as bigint[]), cast(:heavyKeys as bigint[]), cast(:heavyWeights as integer[])"
            + " from p)";
    private static final Jdbc.Sql VISIBLE_INDEXED = Jdbc.Sql.of(VISIBLE_CTES + DOC + SELECT);
    private static final Jdbc.Sql HIDDEN_INDEXED = Jdbc.Sql.of(HIDDEN_CTES + DOC + SELECT);

    /**
     * The post row's lock, the voter's old vote read under it, the new one written and both counts moved: ONE call
     * of the function migration V19 creates, whose statements each see what was committed before the lock.
     */
    private static final String VOTE = "select o_before, o_support, o_oppose from fk_cast_vote(?, ?, ?)";

    @Override
    public Post appendReply(PostRows posts, BoardRows boards, NewPost reply, long topicId, boolean visible) {
        return append(posts, reply, topicId, visible, null);
    }

    @Override
    public Post appendIndexedReply(PostRows posts, BoardRows boards, NewPost reply, long topicId, boolean visible,
            List<IndexedTerm> terms, SearchIndexWriter search) {
        return append(posts, reply, topicId, visible, terms.isEmpty() ? null : SearchKeys.doc(terms));
    }

    private Post append(PostRows posts, NewPost reply, long topicId, boolean visible, SearchKeys.Doc doc) {
        Jdbc.Sql sql = doc == null ? (visible ? VISIBLE : HIDDEN) : (visible ? VISIBLE_INDEXED : HIDDEN_INDEXED);
        Post post = Jdbc.call(posts.em, c -> {
            long id;
            int floor;
            try (PreparedStatement append = c.prepareStatement(sql.jdbc())) {
                sql.bind(append, "topic", topicId, JDBC);
                WritePath.bindReply(sql, append, reply, JDBC);
                if (visible) {
                    sql.bind(append, "shard", BoardCounterEntity.shard(topicId), JDBC);
                }
                if (doc != null) {
                    sql.bind(append, "keys", SearchKeys.literal(doc.keys()), JDBC);
                    sql.bind(append, "heavyKeys", SearchKeys.literal(doc.heavyKeys()), JDBC);
                    sql.bind(append, "heavyWeights", SearchKeys.literal(doc.heavyWeights()), JDBC);
                }
                try (ResultSet row = append.executeQuery()) {
                    if (!row.next()) {
                        return null;
                    }
                    id = row.getLong(1);
                    floor = row.getInt(2);
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

    /**
     * One statement, {@link #VOTE}: under the post row's lock only the commit follows, where a locking read and then
     * the vote's statement (whose snapshot had to start after the lock) held it for one more round trip.
     */
    @Override
    public VoteChange castVote(VoteRows votes, PostId id, UserId voter, VoteKind vote) {
        Object[] moved = callVote(votes.em, c -> {
            try (PreparedStatement call = c.prepareStatement(VOTE)) {
                call.setLong(1, id.value());
                call.setString(2, voter.value());
                call.setString(3, vote == null ? null : vote.name());
                try (ResultSet row = call.executeQuery()) {
                    if (!row.next()) {
                        return null;
                    }
                    return new Object[] {row.getString(1), row.getLong(2), row.getLong(3)};
                }
            }
        });
        if (moved == null) {
            throw new NotFoundException(Kind.POST, id);
        }
        VoteKind before = moved[0] == null ? null : VoteKind.valueOf((String) moved[0]);
        return new VoteChange(id, voter, before, vote, (Long) moved[1], (Long) moved[2]);
    }

    /** A function the schema lacks (undefined_function), told as a schema migrated without this server's folder. */
    private static <T> T callVote(EntityManager em, Jdbc.Work<T> work) {
        return Jdbc.callRoutine(em, e -> "42883".equals(e.getSQLState()), "the schema lacks the function fk_cast_vote"
                + " of migration V19: migrate it from both locations of JpaForumStore.migrations(\"postgresql\")"
                + " (db/forumkit/common and db/forumkit/postgresql)", work);
    }

    @Override
    public boolean searchKeys() {
        return true;
    }
}
