package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.forumkit.Forum;
import org.forumkit.ForumSettings;
import org.forumkit.model.Board;
import org.forumkit.model.Post;
import org.forumkit.model.Reply;
import org.forumkit.model.Topic;
import org.forumkit.model.Viewer;
import org.forumkit.model.VoteKind;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two app nodes (two entity manager factories with pools of their own, one {@link Forum} each) on one database,
 * 8 threads each, replying to one topic (some replies quoting one post), voting on that post, and deleting and
 * restoring replies as a moderator, all at once: every invariant holds, checked in SQL.
 */
class TwoNodesTest {
    static final int THREADS_PER_NODE = 8;
    private static final int OPERATIONS_PER_THREAD = 40;
    private static final Viewer.Member MOD = Viewer.user("mod", "版主", "moderator");

    private static Forum forum(JpaForumStore store) {
        return Forum.builder().store(store)
                .settings(ForumSettings.defaults().withViewWindow(Duration.ofMinutes(30))
                        .withViewFlushInterval(Duration.ZERO))
                .build();
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
        void twoNodesKeepFloorsCountersAndVotesExact() throws Exception {
            db.require().clean();
            try (TestDatabase.TwoNodes nodes = db.twoNodes(THREADS_PER_NODE + 2)) {
                assertInvariantsUnderLoad(db.toString(), List.of(nodes.storeOne(), nodes.storeTwo()),
                        List.of(db.dataSource()));
            }
        }
    }

    /**
     * Runs the mixed load with {@link #THREADS_PER_NODE} threads on each store (one app node each; threads take
     * turns over the stores), then checks every invariant in SQL through each of {@code checks} (for a cluster:
     * one per database node).
     */
    static void assertInvariantsUnderLoad(String label, List<JpaForumStore> stores, List<DataSource> checks)
            throws Exception {
        List<Forum> forums = stores.stream().map(TwoNodesTest::forum).toList();
        try {
            Forum forumOne = forums.get(0);
            Forum forumTwo = forums.get(1 % forums.size());
            TestDatabase.HotTopic hotTopic = TestDatabase.hotTopic(forumOne, "two-nodes", "两个节点");
            Board board = hotTopic.board();
            Topic topic = hotTopic.topic();
            Post hot = forumTwo.posts().reply(Viewer.user("bob", "鲍勃"), Reply.to(topic.id(), "二楼：投票吧"));
            List<Viewer.Member> voters = IntStream.range(0, 12)
                    .mapToObj(i -> Viewer.user("voter-" + i, "投票人" + i)).toList();

            Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
            List<Post> written = new CopyOnWriteArrayList<>();
            AtomicInteger quoting = new AtomicInteger();
            int threads = forums.size() * THREADS_PER_NODE;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            long began = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Forum forum = forums.get(thread % forums.size());
                Viewer.Member writer = Viewer.user("writer-" + thread, "写手" + thread);
                done.add(pool.submit(() -> {
                    start.await();
                    Random random = new Random(thread);
                    for (int op = 0; op < OPERATIONS_PER_THREAD; op++) {
                        try {
                            if (op % 2 == 0) {
                                Reply reply = Reply.to(topic.id(), "回复 " + thread + "-" + op + " 😀");
                                if (op % 4 == 0) {
                                    reply = reply.quoting(hot.floor(), "投票吧");
                                    quoting.incrementAndGet();
                                }
                                written.add(forum.posts().reply(writer, reply));
                            } else if (op % 4 == 3 && written.size() > 0) {
                                // A moderator deletes or restores a random reply: counters move with visibility.
                                Post target = written.get(random.nextInt(written.size()));
                                if (random.nextBoolean()) {
                                    forum.posts().delete(MOD, target.id());
                                } else {
                                    forum.posts().restore(MOD, target.id());
                                }
                            } else {
                                Viewer.Member voter = voters.get(random.nextInt(voters.size()));
                                switch (random.nextInt(3)) {
                                    case 0 -> forum.votes().cast(voter, hot.id(), VoteKind.SUPPORT);
                                    case 1 -> forum.votes().cast(voter, hot.id(), VoteKind.OPPOSE);
                                    default -> forum.votes().retract(voter, hot.id());
                                }
                            }
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();
            long millis = (System.nanoTime() - began) / 1_000_000;
            System.out.printf("%s: %d operations on %d nodes in %d ms, retries %s, exhausted %s%n", label,
                    threads * OPERATIONS_PER_THREAD, forums.size(), millis,
                    stores.stream().map(JpaForumStore::retries).toList(),
                    stores.stream().map(JpaForumStore::retriesExhausted).toList());

            assertThat(failures).as("operations that failed beyond the retry budget").isEmpty();
            int replies = threads * OPERATIONS_PER_THREAD / 2;
            int floors = 2 + replies;
            for (DataSource check : checks) {
                try (Connection c = check.getConnection()) {
                    assertThat(longs(c, "SELECT floor FROM fk_post WHERE topic_id = ? ORDER BY floor", topic.id().value()))
                            .containsExactlyElementsOf(IntStream.rangeClosed(1, floors).mapToObj(i -> (long) i).toList());
                    long visibleReplies = longs(c, "SELECT COUNT(*) FROM fk_post WHERE topic_id = ? AND floor > 1"
                            + " AND state = 'VISIBLE'", topic.id().value()).get(0);
                    assertThat(visibleReplies).isLessThan(floors - 1); // some were deleted
                    assertThat(longs(c, "SELECT COUNT(*) FROM fk_quote WHERE source_post_id = ?", hot.id().value()))
                            .containsExactly((long) quoting.get());
                    assertThat(longs(c, "SELECT replies FROM fk_topic WHERE id = ?", topic.id().value()))
                            .containsExactly(visibleReplies);
                    assertThat(longs(c, "SELECT highest_floor FROM fk_topic WHERE id = ?", topic.id().value()))
                            .containsExactly((long) floors);
                    assertThat(longs(c, "SELECT SUM(post_count) FROM fk_board_counter WHERE board_id = ?", board.id().value()))
                            .containsExactly(visibleReplies + 1);
                    assertThat(longs(c, "SELECT support FROM fk_post WHERE id = ?", hot.id().value())).containsExactly(
                            longs(c, "SELECT COUNT(*) FROM fk_vote WHERE post_id = ? AND kind = 'SUPPORT'", hot.id().value()).get(0));
                    assertThat(longs(c, "SELECT oppose FROM fk_post WHERE id = ?", hot.id().value())).containsExactly(
                            longs(c, "SELECT COUNT(*) FROM fk_vote WHERE post_id = ? AND kind = 'OPPOSE'", hot.id().value()).get(0));
                }
            }
        } finally {
            for (Forum forum : forums) {
                forum.close();
            }
        }
    }

    static List<Long> longs(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            try (ResultSet rows = s.executeQuery()) {
                List<Long> values = new ArrayList<>();
                while (rows.next()) {
                    values.add(rows.getLong(1));
                }
                return values;
            }
        }
    }
}
