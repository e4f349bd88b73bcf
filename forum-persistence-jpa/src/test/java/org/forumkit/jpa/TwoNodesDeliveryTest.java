package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.forumkit.DeliverySettings;
import org.forumkit.Forum;
import org.forumkit.ForumSettings;
import org.forumkit.model.Board;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.DeliveryChannel;
import org.forumkit.model.DeliveryRun;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.Viewer;
import org.forumkit.model.WatchLevel;
import org.forumkit.spi.UserDirectory;
import org.forumkit.spi.store.ClaimedDelivery;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.tck.RecordingSender;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The delivery outbox on real servers: rows another transaction holds locked are skipped, not waited for
 * ({@code FOR UPDATE SKIP LOCKED}), and two app nodes (two pools, two entity manager factories, two forums) with
 * several workers each deliver every queued delivery exactly once.
 */
class TwoNodesDeliveryTest {
    private static final byte[] KEY = "two nodes share one unsubscribe key!!".getBytes(StandardCharsets.UTF_8);
    private static final int WATCHERS = 300;
    private static final int WORKERS_PER_NODE = 4;

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

    abstract static class Cases {
        final TestDatabase db;

        Cases(TestDatabase db) {
            this.db = db;
        }

        private static Forum forum(ForumStore store, RecordingSender sender, String node) {
            return Forum.builder().store(store)
                    .settings(ForumSettings.defaults().withViewFlushInterval(Duration.ZERO))
                    .notifications(UserDirectory.ROLELESS).sender(sender)
                    .deliverySettings(DeliverySettings.of(KEY).withNode(node)).build();
        }

        /** A topic with {@value #WATCHERS} watchers and one reply: as many webhook deliveries, plus the starter's. */
        private static int queueDeliveries(Forum forum) {
            Viewer.Member admin = Viewer.user("admin", "管理员", "admin");
            Board category = forum.boards().create(admin, CreateBoard.category("outbox", "投递"));
            Board board = forum.boards().create(admin, CreateBoard.board(category.id(), "outbox-b", "投递版"));
            Topic topic = forum.topics().start(Viewer.user("alice", "Alice"), StartTopic.of(board.id(), "人多", "一楼"));
            for (int i = 0; i < WATCHERS; i++) {
                forum.notifications().watchTopic(Viewer.user("w" + i, "看客" + i), topic.id(), WatchLevel.WATCHING);
            }
            forum.posts().reply(Viewer.user("bob", "鲍勃"), Reply.to(topic.id(), "通知大家"));
            return WATCHERS + 1;
        }

        private static long count(Connection c, String sql) throws Exception {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
                r.next();
                return r.getLong(1);
            }
        }

        @Test
        void rowsLockedElsewhereAreSkippedNotWaitedFor() throws Exception {
            db.require().clean();
            RecordingSender sender = new RecordingSender(DeliveryChannel.WEBHOOK, Duration.ZERO, false, Set.of());
            JpaForumStore store = JpaForumStore.create(db.emf());
            try (Forum forum = forum(store, sender, "solo")) {
                int queued = queueDeliveries(forum);
                Set<Long> locked = new HashSet<>();
                try (Connection locker = db.dataSource().getConnection(); Statement s = locker.createStatement()) {
                    locker.setAutoCommit(false);
                    // another node in the middle of its claim: the five oldest rows are locked
                    try (ResultSet r = s.executeQuery("SELECT id FROM fk_delivery ORDER BY next_at, id LIMIT 5"
                            + " FOR UPDATE")) {
                        while (r.next()) {
                            locked.add(r.getLong(1));
                        }
                    }
                    assertThat(locked).hasSize(5);
                    // without SKIP LOCKED this waits for the lock (forever on PostgreSQL, 50 s then fails on MariaDB)
                    Instant now = Instant.now();
                    List<ClaimedDelivery> claimed = assertTimeoutPreemptively(Duration.ofSeconds(30),
                            () -> store.inTransaction(tx -> tx.outbox().claim(Set.of(DeliveryChannel.WEBHOOK), now,
                                    now.plus(Duration.ofMinutes(5)), "probe", 1000)));
                    assertThat(claimed).hasSize(queued - 5)
                            .noneMatch(c -> locked.contains(c.delivery().id().value()));
                    locker.rollback();
                }
                // the five are due still; the others are in flight under the probe's lease
                assertThat(forum.deliveries().deliverDue(1000).delivered()).isEqualTo(5);
                assertThat(sender.sent()).extracting(n -> n.deliveryId().value())
                        .containsExactlyInAnyOrderElementsOf(locked);
            }
        }

        @Test
        void twoNodesDeliverEachRowExactlyOnce() throws Exception {
            db.require().clean();
            RecordingSender sender = new RecordingSender(DeliveryChannel.WEBHOOK, Duration.ZERO, false, Set.of());
            try (TestDatabase.Node one = db.openNode(WORKERS_PER_NODE + 1);
                    TestDatabase.Node two = db.openNode(WORKERS_PER_NODE + 1);
                    Forum forumOne = forum(JpaForumStore.create(one.emf()), sender, "node-one");
                    Forum forumTwo = forum(JpaForumStore.create(two.emf()), sender, "node-two")) {
                int queued = queueDeliveries(forumOne);
                ExecutorService pool = Executors.newFixedThreadPool(2 * WORKERS_PER_NODE);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> done = new ArrayList<>();
                try {
                    for (int t = 0; t < 2 * WORKERS_PER_NODE; t++) {
                        Forum node = t % 2 == 0 ? forumOne : forumTwo;
                        done.add(pool.submit(() -> {
                            start.await();
                            int delivered = 0;
                            for (DeliveryRun run = node.deliveries().deliverDue(7); run.claimed() > 0;
                                    run = node.deliveries().deliverDue(7)) {
                                assertThat(run.lost()).isZero();
                                delivered += run.delivered();
                            }
                            return delivered;
                        }));
                    }
                    start.countDown();
                    List<Integer> perWorker = new ArrayList<>();
                    for (Future<Integer> f : done) {
                        perWorker.add(f.get(2, TimeUnit.MINUTES));
                    }
                    System.out.printf("%s: %d deliveries by 2 nodes x %d workers: %s%n", db, queued,
                            WORKERS_PER_NODE, perWorker);
                    assertThat(perWorker.stream().mapToInt(Integer::intValue).sum()).isEqualTo(queued);
                } finally {
                    pool.shutdownNow();
                }
                List<Long> sent = sender.sent().stream().map(n -> n.deliveryId().value()).toList();
                assertThat(sent).hasSize(queued);
                assertThat(new HashSet<>(sent)).hasSize(queued);
                try (Connection c = db.dataSource().getConnection()) {
                    assertThat(count(c, "SELECT COUNT(*) FROM fk_delivery WHERE state = 2 AND attempts = 1"
                            + " AND open_channel IS NULL AND next_at IS NULL")).isEqualTo(queued);
                    assertThat(count(c, "SELECT COUNT(DISTINCT claimed_by) FROM fk_delivery")).isEqualTo(2);
                }
            }
        }
    }
}
