package org.forumkit.jpa;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.UserId;
import org.forumkit.model.VoteChange;
import org.forumkit.model.VoteKind;
import org.forumkit.spi.store.IndexedTerm;
import org.forumkit.spi.store.NewPost;
import org.forumkit.spi.store.SearchIndexWriter;

/**
 * The statements of the two hot writes, a reply and a vote, which differ by database: portable JPQL, or plain JDBC on
 * the transaction's connection with fewer round trips under the row lock where the database can do more in one
 * statement (PostgreSQL, MariaDB). Chosen once per store, from the
 * database product of its first connection.
 */
interface WritePath {

    /**
     * Binds a reply's own columns to the parameters the JDBC write paths' reply statements name alike: {@code at},
     * {@code byId}, {@code byName}, {@code body}, {@code format}, {@code html}, {@code renderer}, {@code state},
     * {@code replyTo}.
     */
    static void bindReply(Jdbc.Sql sql, PreparedStatement statement, NewPost reply, Jdbc binder) throws SQLException {
        sql.bind(statement, "at", reply.createdAt(), binder);
        sql.bind(statement, "byId", reply.author().id().value(), binder);
        sql.bind(statement, "byName", reply.author().displayName(), binder);
        sql.bind(statement, "body", reply.body(), binder);
        sql.bind(statement, "format", reply.format().name(), binder);
        sql.bind(statement, "html", reply.html(), binder);
        sql.bind(statement, "renderer", reply.renderer(), binder);
        sql.bind(statement, "state", reply.state().name(), binder);
        sql.bind(statement, "replyTo", reply.replyToFloor(), binder);
    }

    /** The write path for a database, by its JDBC product name. */
    static WritePath forDatabase(String productName) {
        if ("PostgreSQL".equalsIgnoreCase(productName)) {
            return new PostgresWritePath();
        }
        // MariaDB, not MySQL: the vote's retraction is a DELETE … RETURNING, which MySQL lacks.
        return "MariaDB".equalsIgnoreCase(productName) ? new MariaDbWritePath() : new PortableWritePath();
    }

    /**
     * Takes the topic row's lock (which allocates the floor), inserts the reply and its quotes and, for a visible
     * reply, moves the topic's and the board's counters and last post; the topic row before any child row.
     *
     * @throws org.forumkit.NotFoundException when there is no topic {@code topicId}
     */
    Post appendReply(PostRows posts, BoardRows boards, NewPost reply, long topicId, boolean visible);

    /**
     * {@link #appendReply} and the new post's search terms: by default written by {@code search} after it; PostgreSQL
     * writes them in the reply's statement (its row of {@code fk_search_doc}), MariaDB in the reply's procedure call
     * (its term rows), so the topic row's lock is held for no statement of theirs.
     */
    default Post appendIndexedReply(PostRows posts, BoardRows boards, NewPost reply, long topicId, boolean visible,
            List<IndexedTerm> terms, SearchIndexWriter search) {
        Post post = appendReply(posts, boards, reply, topicId, visible);
        search.add(post.id(), terms);
        return post;
    }

    /**
     * Takes the post row's lock (which serializes every vote on the post), then reads the voter's old vote, writes
     * the new one ({@code null}: retract) and moves both counts by {@link VoteKind#delta}.
     *
     * @throws org.forumkit.NotFoundException when there is no post {@code id}
     */
    VoteChange castVote(VoteRows votes, PostId id, UserId voter, VoteKind vote);

    /** How this database's columns bind and read over plain JDBC. */
    default Jdbc jdbc() {
        return PortableJdbc.INSTANCE;
    }

    /** Whether the search index is PostgreSQL's {@code fk_search_doc} of hashed keys rather than the term table. */
    default boolean searchKeys() {
        return false;
    }

    /** The JDBC binding of the databases whose timestamps keep their zone (PostgreSQL, H2). */
    final class PortableJdbc {
        static final Jdbc INSTANCE = new Jdbc(false);

        private PortableJdbc() {
        }
    }
}
