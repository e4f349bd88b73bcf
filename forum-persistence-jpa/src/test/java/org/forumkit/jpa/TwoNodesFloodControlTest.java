package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.forumkit.Forum;
import org.forumkit.RateLimitedException;
import org.forumkit.model.Board;
import org.forumkit.model.BoardModeration;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.Viewer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Flood control across two app nodes (two entity manager factories with pools of their own) on one database: one
 * user's posts sent at once through both nodes within the minimum interval let exactly one through, because the
 * check and the record happen under the database's lock on the user's posting record, not in a JVM.
 */
class TwoNodesFloodControlTest {
    private static final int THREADS_PER_NODE = 6;
    private static final Viewer.Member ADMIN = Viewer.user("admin", "管理员", "admin");
    private static final Viewer.Member BOB = Viewer.user("bob", "鲍勃");

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
        void exactlyOnePostPassesAcrossNodes() throws Exception {
            db.require().clean();
            try (TestDatabase.TwoNodes nodes = db.twoNodes(THREADS_PER_NODE + 1);
                    Forum forumOne = Forum.builder().store(nodes.storeOne()).build();
                    Forum forumTwo = Forum.builder().store(nodes.storeTwo()).build()) {
                Board board = forumOne.boards().create(ADMIN, CreateBoard.board(null, "flood", "灌水")
                        .withModeration(BoardModeration.OFF.limitingPosts(Duration.ofMinutes(10), 0)));
                Topic topic = forumOne.topics().start(Viewer.user("alice", "Alice"), StartTopic.of(board.id(), "沙发", "一楼"));

                AtomicInteger passed = new AtomicInteger();
                AtomicInteger refused = new AtomicInteger();
                int threads = 2 * THREADS_PER_NODE;
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                try {
                    for (int t = 0; t < threads; t++) {
                        Forum forum = t % 2 == 0 ? forumOne : forumTwo;
                        int thread = t;
                        done.add(pool.submit(() -> {
                            start.await();
                            try {
                                forum.posts().reply(BOB, Reply.to(topic.id(), "抢沙发 " + thread));
                                passed.incrementAndGet();
                            } catch (RateLimitedException e) {
                                refused.incrementAndGet();
                            }
                            return null;
                        }));
                    }
                    start.countDown();
                    for (Future<?> f : done) {
                        f.get(2, TimeUnit.MINUTES);
                    }
                } finally {
                    pool.shutdownNow();
                }
                assertThat(passed).hasValue(1);
                assertThat(refused).hasValue(threads - 1);
                assertThat(forumTwo.topics().get(ADMIN, topic.id()).replies()).isEqualTo(1);
            }
        }
    }
}
