package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.forumkit.Forum;
import org.forumkit.model.Board;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.Post;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.Viewer;
import org.forumkit.model.VoteKind;
import org.forumkit.model.UserId;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * On MariaDB the first read of a reply and of a vote (the topic or post with its board and the viewer's bans) and the
 * topic page's header make the server build no temporary table. With {@code ORDER BY x.id} over a row holding TEXT
 * columns (the post's body and HTML, the board's JSON) they each made one, an Aria table on disk because of the
 * blobs, on every reply and vote; MariaDB 10.11.19 crashed with signal 11 in {@code ha_maria::drop_table} freeing one
 * of them during the hot-post benchmark (error log, 2026-12-02 08:39). The bans come in any order now and are sorted
 * in Java.
 *
 * <p>Counted by the server itself: the session's {@code Created_tmp_tables} (and {@code Created_tmp_disk_tables}) on
 * the one connection of a pool of one, against what reading the counter itself adds.
 */
@Tag("mariadb")
class NoTemporaryTablesTest {
    private static final Viewer.Member ADMIN = Viewer.user("admin", "Admin", "admin");
    private static final Viewer.Member ALICE = Viewer.user("alice", "Alice");
    private static final Viewer.Member BOB = Viewer.user("bob", "Bob");

    @Test
    void lookupsAndThePageHeaderMakeNoTemporaryTable() {
        TestDatabase db = TestDatabase.MARIADB.require();
        db.clean();
        try (TestDatabase.Node node = db.openNode(1);
                Forum forum = Forum.builder().store(JpaForumStore.create(node.emf())).build()) {
            Board category = forum.boards().create(ADMIN, CreateBoard.category("c", "C"));
            Board board = forum.boards().create(ADMIN, CreateBoard.board(category.id(), "b", "B"));
            Topic topic = forum.topics().start(ALICE, StartTopic.of(board.id(), "标题", "正文"));
            Post reply = forum.posts().reply(BOB, Reply.to(topic.id(), "沙发"));
            forum.posts().reply(ALICE, Reply.to(topic.id(), "板凳").quoting(reply.floor()));
            Counter counter = new Counter(node, "Created_tmp_tables");
            Counter onDisk = new Counter(node, "Created_tmp_disk_tables");

            JpaForumStore store = JpaForumStore.create(node.emf());
            Map<String, Long> made = new LinkedHashMap<>();
            Optional<UserId> bob = Optional.of(UserId.of("bob"));
            Optional<UserId> alice = Optional.of(UserId.of("alice"));
            Instant now = Instant.now();
            made.put("topic with board and bans",
                    counter.made(() -> store.readOnly(r -> r.topicInBoard(topic.id(), bob, now))));
            made.put("post with topic, board and bans",
                    counter.made(() -> store.readOnly(r -> r.postInTopic(reply.id(), alice, now))));
            made.put("the topic page of a member",
                    counter.made(() -> store.readOnly(r -> r.topicPage(topic.id(), TopicPageRequest.from(1, 20), alice))));
            made.put("a vote", counter.made(() -> forum.votes().cast(ALICE, reply.id(), VoteKind.SUPPORT)));
            // One author's posts: the first of theirs from a floor on, as a derived table of ids, which stays in memory.
            made.put("one author's posts, on disk", onDisk.made(() -> store.readOnly(r -> r.topicPage(topic.id(),
                    TopicPageRequest.from(1, 20).onlyBy(UserId.of("bob")), alice))));
            made.put("a reply, on disk", onDisk.made(() -> forum.posts().reply(BOB, Reply.to(topic.id(), "地板"))));
            assertThat(made).allSatisfy((work, tables) -> assertThat(tables).as(work).isZero());
        }
    }

    /** The temporary tables (all, or on disk) the session of the pool's one connection made during some work. */
    private static final class Counter {
        private final TestDatabase.Node node;
        private final String variable;
        private final long ownCost;

        Counter(TestDatabase.Node node, String variable) {
            this.node = node;
            this.variable = variable;
            long first = read();
            this.ownCost = read() - first;
        }

        long made(Supplier<?> work) {
            long before = read();
            work.get();
            return read() - before - ownCost;
        }

        private long read() {
            try (Connection c = node.pool().getConnection(); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SHOW SESSION STATUS LIKE '" + variable + "'")) {
                r.next();
                return r.getLong(2);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
