package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
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
import org.forumkit.ConflictException;
import org.forumkit.Forum;
import org.forumkit.OutcomeUnknownException;
import org.forumkit.model.Board;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.Viewer;
import org.forumkit.jpa.testing.OwnServer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The database server crashes and comes back in the middle of the load: 8 writers reply to one topic for 9 s on a
 * server of the test's own ({@link OwnServer}: PostgreSQL or MariaDB on a free port), which is crashed (PostgreSQL
 * {@code immediate}, MariaDB {@code SIGKILL}) 3 s in and started again 1 s later. Every acknowledged reply is stored
 * exactly once, floors stay gap-free, counts equal rows, every failure is the typed retryable conflict (or an unknown
 * outcome, the only failures that may have been stored), the node answers again within seconds of the server's
 * return, and its pool ends with nothing in use or waiting.
 */
@Tag("restart")
class ServerRestartTest {
    private static final Viewer.Member ADMIN = Viewer.user("admin", "管理员", "admin");
    private static final int WRITERS = 8;

    @Nested
    @Tag("postgresql")
    class OnPostgreSql {
        @Test
        void acknowledgedRepliesSurviveAServerCrashAndRestart() throws Exception {
            try (OwnServer server = OwnServer.postgresql()) {
                crashAndRestartUnderLoad(server, "postgresql");
            }
        }
    }

    @Nested
    @Tag("mariadb")
    class OnMariaDb {
        @Test
        void acknowledgedRepliesSurviveAServerCrashAndRestart() throws Exception {
            try (OwnServer server = OwnServer.mariadb()) {
                crashAndRestartUnderLoad(server, "mariadb");
            }
        }
    }

    static void crashAndRestartUnderLoad(OwnServer server, String dialect) throws Exception {
        {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(server.url());
            config.setUsername(server.user());
            config.setMaximumPoolSize(WRITERS + 2);
            config.setConnectionTimeout(1000);
            TestDatabase.idleAway(config);
            try (HikariDataSource pool = new HikariDataSource(config)) {
                TestDatabase.migrateFromScratch(pool, dialect);
                EntityManagerFactory emf = TestDatabase.entityManagerFactory(dialect, pool, false);
                JpaForumStore store = JpaForumStore.create(emf);
                try (emf; Forum forum = Forum.builder().store(store).build()) {
                    Board category = forum.boards().create(ADMIN, CreateBoard.category("restart", "重启"));
                    Board board = forum.boards().create(ADMIN, CreateBoard.board(category.id(), "hot", "热帖"));
                    Topic topic = forum.topics().start(Viewer.user("alice", "Alice"),
                            StartTopic.of(board.id(), "热帖", "一楼"));

                    Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
                    Queue<RuntimeException> typed = new ConcurrentLinkedQueue<>();
                    Queue<RuntimeException> untyped = new ConcurrentLinkedQueue<>();
                    java.util.concurrent.atomic.AtomicInteger unknown = new java.util.concurrent.atomic.AtomicInteger();
                    AtomicLong firstSuccessAfterReturn = new AtomicLong();
                    AtomicLong serverBack = new AtomicLong(Long.MAX_VALUE);
                    AtomicLong slowest = new AtomicLong();
                    long began = System.nanoTime();
                    long deadline = began + TimeUnit.SECONDS.toNanos(9);
                    ExecutorService threads = Executors.newFixedThreadPool(WRITERS);
                    CountDownLatch start = new CountDownLatch(1);
                    List<Future<?>> writers = new ArrayList<>();
                    for (int w = 0; w < WRITERS; w++) {
                        Viewer.Member writer = Viewer.user("writer-" + w, "写手" + w);
                        int n = w;
                        writers.add(threads.submit(() -> {
                            start.await();
                            // until the deadline and at least 3 s past the server's return (a loaded machine may take long to restart)
                            for (int i = 0; System.nanoTime() < deadline || serverBack.get() == Long.MAX_VALUE
                                    || System.nanoTime() < serverBack.get() + TimeUnit.SECONDS.toNanos(3); i++) {
                                String body = "回复 " + n + "-" + i;
                                long at = System.nanoTime();
                                try {
                                    acknowledged.put(body, forum.posts().reply(writer, Reply.to(topic.id(), body)).floor());
                                    long now = System.nanoTime();
                                    if (at > serverBack.get()) {
                                        firstSuccessAfterReturn.compareAndSet(0, now);
                                    }
                                } catch (OutcomeUnknownException e) {
                                    unknown.incrementAndGet();
                                    Thread.sleep(20);
                                } catch (ConflictException e) {
                                    (e.isRetryable() ? typed : untyped).add(e);
                                    Thread.sleep(20);
                                } catch (RuntimeException e) {
                                    untyped.add(e);
                                    Thread.sleep(20);
                                }
                                slowest.accumulateAndGet((System.nanoTime() - at) / 1_000_000, Math::max);
                            }
                            return null;
                        }));
                    }
                    start.countDown();
                    Thread.sleep(3000);
                    long crashAt = System.nanoTime();
                    server.crash();
                    Thread.sleep(1000);
                    server.startServer();
                    serverBack.set(System.nanoTime());
                    for (Future<?> f : writers) {
                        f.get(2, TimeUnit.MINUTES);
                    }
                    threads.shutdown();
                    long downMillis = (serverBack.get() - crashAt) / 1_000_000;
                    long recoveryMillis = firstSuccessAfterReturn.get() == 0 ? -1
                            : (firstSuccessAfterReturn.get() - serverBack.get()) / 1_000_000;
                    int rows;
                    try (Connection c = connectWithin(pool, 30)) {
                        rows = StoredReplies.verify(c, topic.id().value(), board.id().value(), acknowledged);
                    }
                    System.out.printf("own " + dialect + " restart: down %d ms; %d acknowledged, %d typed retryable, %d"
                                    + " outcome unknown, %d untyped; %d stored (%d whose commit's answer was lost);"
                                    + " %d store retries;"
                                    + " first success %d ms after the server was back; slowest answer %d ms%n",
                            downMillis, acknowledged.size(), typed.size(), unknown.get(), untyped.size(), rows,
                            rows - acknowledged.size(), store.retries(), recoveryMillis, slowest.get());
                    untyped.stream().limit(3).forEach(Throwable::printStackTrace);
                    assertThat(untyped).as("failures that were not the retryable conflict type").isEmpty();
                    assertThat(rows - acknowledged.size()).as("stored without an acknowledgement: only unknown outcomes")
                            .isBetween(0, unknown.get());
                    assertThat(typed).as("writes refused while the server was down").isNotEmpty();
                    assertThat(recoveryMillis).as("answering again after the server's return").isBetween(0L, 5000L);
                    assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
                    assertThat(pool.getHikariPoolMXBean().getThreadsAwaitingConnection()).isZero();
                }
            }
        }
    }

    /** A connection from the pool, asked for again until {@code seconds} have passed (the pool waits 1 s a time). */
    private static Connection connectWithin(HikariDataSource pool, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            try {
                return pool.getConnection();
            } catch (java.sql.SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }
}
