package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.forumkit.Forum;
import org.forumkit.model.AccessPolicy;
import org.forumkit.model.Board;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.Post;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.Viewer;
import org.forumkit.model.VoteKind;
import org.forumkit.spi.UserDirectory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The hot write paths cost a fixed, small number of SQL statements (a regression guard for their throughput,
 * which the benchmark harness measures): a reply and a vote through the whole {@link Forum} service.
 */
class WritePathStatementsTest {
    private static final Viewer.Member ADMIN = Viewer.user("admin", "Admin", "admin");
    private static final Viewer.Member ALICE = Viewer.user("alice", "Alice");
    private static final Viewer.Member BOB = Viewer.user("bob", "Bob");
    private static final Viewer.Member MOD = Viewer.user("mod", "Mod", "moderator");
    // the writer's automatic TRACKING (an insert where absent), the answered floor and its quotes (2), the board, the
    // recipient's topic level (a mute?), the fold update, then the insert or the folded row's read-back, and the
    // watchers' fan-out (one update, one INSERT … SELECT, whatever their number)
    private static final int FIRST_EXTRA = 9;
    private static final int FOLD_EXTRA = 9;

    /** The statements of a plain reply without notifications (see replyAndVoteStatements). */
    private static int plainReply(TestDatabase db) {
        return db == TestDatabase.H2 ? 6 : 2;
    }

    @Nested
    @Tag("h2")
    class OnH2 extends Cases {
        OnH2() {
            super(TestDatabase.H2);
        }
    }

    @Nested
    @Tag("postgresql")
    class OnPostgreSql extends Cases {
        OnPostgreSql() {
            super(TestDatabase.POSTGRESQL);
        }
    }

    @Nested
    @Tag("mariadb")
    class OnMariaDb extends Cases {
        OnMariaDb() {
            super(TestDatabase.MARIADB);
        }
    }

    /** The tests, run once per database by the nested classes above (one JUnit tag each). */
    abstract class Cases {
        final TestDatabase db;

        Cases(TestDatabase db) {
            this.db = db;
        }

        @Test
        void aReplyThatNotifiesCostsAFewStatementsMore() {
            JpaForumStore store = db.require().freshStore();
            try (Forum forum = Forum.builder().store(store).notifications(UserDirectory.ROLELESS).build()) {
                Board category = forum.boards().create(ADMIN, CreateBoard.category("c", "C"));
                Board board = forum.boards().create(ADMIN, CreateBoard.board(category.id(), "b", "B")
                        .withPolicy(AccessPolicy.DEFAULT));
                Topic topic = forum.topics().start(ALICE, StartTopic.of(board.id(), "t", "b"));

                // the reply's own statements, then FIRST_EXTRA (nothing to fold yet)
                int first = StatementCounter.count(() -> forum.posts().reply(BOB, Reply.to(topic.id(), "沙发")));
                // then the read-back of the folded row instead of the insert
                int folded = StatementCounter.count(() -> forum.posts().reply(MOD, Reply.to(topic.id(), "板凳")));
                int base = plainReply(db);
                assertThat(List.of(first - base, folded - base)).containsExactly(FIRST_EXTRA, FOLD_EXTRA);
                assertThat(forum.notifications().unreadExact(ALICE)).isEqualTo(1);
            }
        }

        @Test
        void replyAndVoteStatements() {
            JpaForumStore store = db.require().freshStore();
            try (Forum forum = Forum.builder().store(store).build()) {
                Board category = forum.boards().create(ADMIN, CreateBoard.category("c", "C"));
                Board board = forum.boards().create(ADMIN, CreateBoard.board(category.id(), "b", "B")
                        .withPolicy(AccessPolicy.DEFAULT));
                Topic topic = forum.topics().start(ALICE, StartTopic.of(board.id(), "t", "b"));
                Post[] reply = new Post[1];

                // topic with board and the writer's active bans (one statement); then, under the topic row's lock:
                // allocate the floor, read it, insert the post, move the board's counters, insert the reply's search
                // terms: on PostgreSQL one statement (data-modifying CTEs, the terms as its fk_search_doc row), on
                // MariaDB one call of the fk_append_reply procedure (migration V19; the statements sent one by one
                // were four), on H2 five
                int replyStatements = StatementCounter.count(() ->
                        reply[0] = forum.posts().reply(BOB, Reply.to(topic.id(), "沙发")));
                assertThat(replyStatements).isEqualTo(plainReply(db));
                assertThat(reply[0].floor()).isEqualTo(2);

                // post with topic, board and the voter's active bans (its quotes apart only when it has any: this one
                // has none); lock the post, read and write the vote row, move the counts: on PostgreSQL and MariaDB
                // all four in one call of fk_cast_vote (migration V19; before it, PostgreSQL sent the lock and then
                // one statement for the rest, MariaDB three), on H2 four
                int voteStatements = StatementCounter.count(() ->
                        forum.votes().cast(ALICE, reply[0].id(), VoteKind.SUPPORT));
                assertThat(voteStatements).isEqualTo(db == TestDatabase.H2 ? 5 : 2);
            }
        }

        @Test
        void moveStatements() {
            JpaForumStore store = db.require().freshStore();
            try (Forum forum = Forum.builder().store(store).build()) {
                Board category = forum.boards().create(ADMIN, CreateBoard.category("c", "C"));
                Board source = forum.boards().create(ADMIN, CreateBoard.board(category.id(), "s", "S"));
                Board target = forum.boards().create(ADMIN, CreateBoard.board(category.id(), "t", "T"));
                forum.topics().start(ALICE, StartTopic.of(target.id(), "older", "b"));
                forum.topics().start(ALICE, StartTopic.of(source.id(), "stays", "b"));
                Topic moving = forum.topics().start(ALICE, StartTopic.of(source.id(), "moves", "b"));
                forum.posts().reply(BOB, Reply.to(moving.id(), "沙发"));

                // The longest move: the topic holds the source's last post (so the source takes its most recently
                // active remaining topic's newest visible post) and is newer than the target's. Topic with board and the
                // target (permissions); the store's primitive: lock the topic, the target again, its visible posts, both
                // boards' counters, the topic, its reports; core's rule: both boards, the source's most recently active
                // topic and its newest visible post, the source's last post, the topic's newest visible post, the
                // target's last post; two audit entries. 19 before the rule moved to core (the primitive read the topic
                // back).
                int moveStatements = StatementCounter.count(() ->
                        forum.topics().move(MOD, moving.id(), target.id(), "off topic"));
                assertThat(moveStatements).isEqualTo(18);
            }
        }
    }
}
