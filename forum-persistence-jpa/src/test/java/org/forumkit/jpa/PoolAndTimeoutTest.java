package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.forumkit.ConcurrentUpdateException;
import org.forumkit.Forum;
import org.forumkit.StoreUnavailableException;
import org.forumkit.model.Board;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.Viewer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An exhausted connection pool and a statement timeout, each while a connection outside the app node holds the hot
 * topic's row lock: every caller gets its answer within a bound (never a hang), every failure is the typed, retryable
 * {@link ConcurrentUpdateException}, nothing partial is stored, the node answers normally once the lock is gone, and
 * its pool ends with no connection in use and no thread waiting.
 */
class PoolAndTimeoutTest {
    private static final Viewer.Member ADMIN = Viewer.user("admin", "管理员", "admin");
    private static final int CALLERS = 12;

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

    /** What one round of callers saw. */
    record Outcome(Map<String, Integer> acknowledged, Queue<RuntimeException> typed, Queue<RuntimeException> untyped,
            long slowestMillis) {
    }

    abstract class Cases {
        final TestDatabase db;

        Cases(TestDatabase db) {
            this.db = db;
        }

        @Test
        void exhaustedPoolAnswersTypedAndRetryableAfterItsWait() throws Exception {
            // 2 connections for 12 callers; both held by replies waiting for the locked topic row for 2.5 s.
            run("pool", 2, config -> config.setConnectionTimeout(250), 2500, outcome -> {
                assertThat(outcome.typed()).as("callers refused after the pool's wait").isNotEmpty();
                assertThat(outcome.typed()).allSatisfy(e -> assertThat(e).isInstanceOf(StoreUnavailableException.class)
                        .hasMessageContaining("no database connection"));
                // At most one wait of the pool's timeout per call (it is not run again) plus scheduling: never a hang.
                assertThat(outcome.slowestMillis()).isLessThan(10_000);
            });
        }

        @Test
        void statementTimeoutAnswersTypedAndStoresNothing() throws Exception {
            Consumer<HikariConfig> limit = config -> config.setConnectionInitSql(db == TestDatabase.POSTGRESQL
                    ? "SET statement_timeout = 300" : "SET SESSION max_statement_time = 0.3");
            run("timeout", CALLERS + 1, limit, 2000, outcome -> {
                // Callers that reached the locked row while it was held were cancelled (on a loaded machine some
                // reach it only after the release, and succeed); each got its answer, none stored partly.
                assertThat(outcome.typed()).as("callers whose statement was cancelled").isNotEmpty();
                assertThat(outcome.typed()).allSatisfy(e -> assertThat(e).isNotInstanceOf(StoreUnavailableException.class)
                        .hasMessageContaining("time limit"));
                assertThat(outcome.typed().size() + outcome.acknowledged().size()).isEqualTo(CALLERS);
                assertThat(outcome.slowestMillis()).isLessThan(10_000);
            });
        }

        private void run(String name, int connections, Consumer<HikariConfig> tune, long holdMillis,
                Consumer<Outcome> expect) throws Exception {
            db.require().clean();
            try (TestDatabase.Node node = db.openNode(connections, tune)) {
                JpaForumStore store = JpaForumStore.create(node.emf());
                try (Forum forum = Forum.builder().store(store).build()) {
                    Board category = forum.boards().create(ADMIN, CreateBoard.category("faults-" + name, "故障"));
                    Board board = forum.boards().create(ADMIN, CreateBoard.board(category.id(), name, "故障"));
                    Topic topic = forum.topics().start(Viewer.user("alice", "Alice"),
                            StartTopic.of(board.id(), "热帖", "一楼"));
                    CountDownLatch locked = new CountDownLatch(1);
                    ExecutorService pool = Executors.newFixedThreadPool(CALLERS + 1);
                    Future<?> holder = pool.submit(() -> {
                        try (Connection c = db.dataSource().getConnection()) {
                            c.setAutoCommit(false);
                            try (PreparedStatement s = c.prepareStatement(
                                    "SELECT id FROM fk_topic WHERE id = ? FOR UPDATE")) {
                                s.setLong(1, topic.id().value());
                                s.executeQuery().close();
                            }
                            locked.countDown();
                            Thread.sleep(holdMillis);
                            c.commit();
                        }
                        return null;
                    });
                    locked.await(30, TimeUnit.SECONDS);
                    Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
                    Queue<RuntimeException> typed = new ConcurrentLinkedQueue<>();
                    Queue<RuntimeException> untyped = new ConcurrentLinkedQueue<>();
                    AtomicLong slowest = new AtomicLong();
                    List<Future<?>> callers = new ArrayList<>();
                    for (int i = 0; i < CALLERS; i++) {
                        String body = name + " 回复 " + i;
                        Viewer.Member writer = Viewer.user("writer-" + i, "写手" + i);
                        callers.add(pool.submit(() -> {
                            long began = System.nanoTime();
                            try {
                                acknowledged.put(body, forum.posts().reply(writer, Reply.to(topic.id(), body)).floor());
                            } catch (ConcurrentUpdateException e) {
                                (e.isRetryable() ? typed : untyped).add(e);
                            } catch (RuntimeException e) {
                                untyped.add(e);
                            }
                            slowest.accumulateAndGet((System.nanoTime() - began) / 1_000_000, Math::max);
                            return null;
                        }));
                    }
                    for (Future<?> f : callers) {
                        f.get(1, TimeUnit.MINUTES);
                    }
                    holder.get(1, TimeUnit.MINUTES);
                    pool.shutdown();
                    Outcome outcome = new Outcome(acknowledged, typed, untyped, slowest.get());
                    System.out.printf("%s %s: %d callers, %d connections, lock held %d ms: %d acknowledged, %d typed"
                                    + " retryable, %d untyped, slowest answer %d ms%n", db, name, CALLERS, connections,
                            holdMillis, acknowledged.size(), typed.size(), untyped.size(), slowest.get());
                    assertThat(untyped).as("failures that were not the retryable conflict type").isEmpty();
                    expect.accept(outcome);

                    // Recovery: the lock is gone, the same node answers normally at once.
                    long back = System.nanoTime();
                    for (int i = 0; i < 3; i++) {
                        String body = name + " 之后 " + i;
                        acknowledged.put(body, forum.posts().reply(ADMIN, Reply.to(topic.id(), body)).floor());
                    }
                    System.out.printf("%s %s: 3 replies after the fault in %d ms%n", db, name,
                            (System.nanoTime() - back) / 1_000_000);
                    try (Connection c = db.dataSource().getConnection()) {
                        int rows = StoredReplies.verify(c, topic.id().value(), board.id().value(), acknowledged);
                        assertThat(rows).as("stored replies: every one acknowledged").isEqualTo(acknowledged.size());
                    }
                    // No connection leaked, nobody left waiting.
                    assertThat(node.pool().getHikariPoolMXBean().getActiveConnections()).isZero();
                    assertThat(node.pool().getHikariPoolMXBean().getThreadsAwaitingConnection()).isZero();
                }
            }
        }
    }
}
