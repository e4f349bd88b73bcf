package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.forumkit.ConflictException;
import org.forumkit.Forum;
import org.forumkit.OutcomeUnknownException;
import org.forumkit.jpa.testing.Backends;
import org.forumkit.model.Board;
import org.forumkit.model.Post;
import org.forumkit.model.Reply;
import org.forumkit.model.Topic;
import org.forumkit.model.Viewer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 8 writers reply to one topic while a second connection terminates every backend connection of the forum's
 * database every 0.2–0.6 s ({@code pg_terminate_backend}, MariaDB {@code KILL}): every acknowledged reply is stored
 * exactly once, floors stay gap-free, counts equal rows, and every failed reply got a typed answer: the retryable
 * conflict ({@code StoreUnavailableException} among them), after which nothing was stored, or an
 * {@link OutcomeUnknownException} for a commit whose answer was lost, the only kind that may have been stored.
 */
class KilledConnectionsTest {
    private static final int WRITERS = 8;
    private static final int REPLIES_PER_WRITER = 25;

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
        void acknowledgedRepliesSurviveKilledConnections() throws Exception {
            underKilledConnections("resource-local", JpaForumStore::create);
        }

        /** In Spring-managed transactions, whose rollback on a lost connection fails too: the same answers. */
        @Test
        void acknowledgedRepliesSurviveKilledConnectionsInSpringTransactions() throws Exception {
            underKilledConnections("Spring", emf -> JpaForumStore.builder(new org.forumkit.jpa.spring.SpringTransactions(emf,
                    new org.springframework.orm.jpa.JpaTransactionManager(emf))).build());
        }

        private void underKilledConnections(String transactions, java.util.function.Function<jakarta.persistence.EntityManagerFactory,
                JpaForumStore> stores) throws Exception {
            db.require().clean();
            try (TestDatabase.Node node = db.openNode(WRITERS + 2)) {
                JpaForumStore store = stores.apply(node.emf());
                try (Forum forum = Forum.builder().store(store).build()) {
                    TestDatabase.HotTopic hot = TestDatabase.hotTopic(forum, "killed", "断线");
                    Board board = hot.board();
                    Topic topic = hot.topic();

                    Map<String, Post> acknowledged = new ConcurrentHashMap<>();
                    Queue<RuntimeException> typed = new ConcurrentLinkedQueue<>();
                    Queue<RuntimeException> untyped = new ConcurrentLinkedQueue<>();
                    // what the callers were told: refused (retryable, nothing stored) or outcome unknown (maybe stored)
                    Queue<String> refused = new ConcurrentLinkedQueue<>();
                    Queue<String> unknown = new ConcurrentLinkedQueue<>();
                    AtomicBoolean writing = new AtomicBoolean(true);
                    ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
                    CountDownLatch start = new CountDownLatch(1);
                    Future<Backends.Rounds> killer = pool.submit(() -> {
                        try (Connection c = db.dataSource().getConnection()) {
                            start.await();
                            return Backends.terminateOthersWhile(c, writing::get);
                        }
                    });
                    List<Future<?>> writers = new ArrayList<>();
                    long began = System.nanoTime();
                    for (int w = 0; w < WRITERS; w++) {
                        Viewer.Member writer = Viewer.user("writer-" + w, "写手" + w);
                        int n = w;
                        writers.add(pool.submit(() -> {
                            start.await();
                            for (int i = 0; i < REPLIES_PER_WRITER; i++) {
                                String body = "回复 " + n + "-" + i;
                                try {
                                    acknowledged.put(body, forum.posts().reply(writer, Reply.to(topic.id(), body)));
                                } catch (OutcomeUnknownException e) {
                                    unknown.add(body);
                                } catch (ConflictException e) {
                                    if (e.isRetryable()) {
                                        typed.add(e);
                                        refused.add(body);
                                    } else {
                                        untyped.add(e);
                                    }
                                } catch (RuntimeException e) {
                                    untyped.add(e);
                                }
                            }
                            return null;
                        }));
                    }
                    start.countDown();
                    Backends.Rounds killed;
                    try {
                        for (Future<?> f : writers) {
                            f.get(3, TimeUnit.MINUTES);
                        }
                    } finally {
                        writing.set(false);
                        killed = killer.get(1, TimeUnit.MINUTES);
                        pool.shutdown();
                    }
                    long millis = (System.nanoTime() - began) / 1_000_000;
                    System.out.printf("%s, " + transactions + " transactions: %d replies tried in %d ms, %d killing"
                                    + " rounds ended %d connections;"
                                    + " %d acknowledged, %d refused as retryable, %d outcome unknown, %d untyped;"
                                    + " %d retries%n", db,
                            WRITERS * REPLIES_PER_WRITER, millis, killed.rounds(), killed.ended(), acknowledged.size(),
                            typed.size(), unknown.size(), untyped.size(), store.retries());

                    assertThat(untyped).as("failures that were not the retryable conflict type").isEmpty();
                    assertThat(killed.ended()).as("connections terminated").isPositive();
                    try (Connection c = db.dataSource().getConnection()) {
                        Map<String, List<Long>> stored = new ConcurrentHashMap<>();
                        try (PreparedStatement s = c.prepareStatement(
                                "SELECT body, floor FROM fk_post WHERE topic_id = ? AND floor > 1 ORDER BY floor")) {
                            s.setLong(1, topic.id().value());
                            try (ResultSet rows = s.executeQuery()) {
                                while (rows.next()) {
                                    stored.computeIfAbsent(rows.getString(1), b -> new ArrayList<>()).add(rows.getLong(2));
                                }
                            }
                        }
                        // Acknowledged: stored once, at the floor the caller was told. Nothing stored twice.
                        acknowledged.forEach((body, post) ->
                                assertThat(stored.get(body)).as(body).containsExactly((long) post.floor()));
                        assertThat(stored.values()).allSatisfy(floors -> assertThat(floors).hasSize(1));
                        // A refusal said "nothing was stored": true for each. Only an unknown outcome may have been.
                        assertThat(refused).allSatisfy(body -> assertThat(stored).as(body).doesNotContainKey(body));
                        assertThat(stored.keySet()).allSatisfy(body -> assertThat(acknowledged.containsKey(body)
                                || unknown.contains(body)).as(body).isTrue());
                        int rows = stored.size();
                        System.out.printf("%s: %d replies stored (%d acknowledged, %d stored although their commit's"
                                + " answer was lost)%n", db, rows, acknowledged.size(), rows - acknowledged.size());
                        assertThat(TwoNodesTest.longs(c, "SELECT floor FROM fk_post WHERE topic_id = ? ORDER BY floor",
                                topic.id().value()))
                                .containsExactlyElementsOf(IntStream.rangeClosed(1, rows + 1).mapToObj(i -> (long) i).toList());
                        assertThat(TwoNodesTest.longs(c, "SELECT replies FROM fk_topic WHERE id = ?", topic.id().value()))
                                .containsExactly((long) rows);
                        assertThat(TwoNodesTest.longs(c, "SELECT highest_floor FROM fk_topic WHERE id = ?",
                                topic.id().value())).containsExactly((long) rows + 1);
                        assertThat(TwoNodesTest.longs(c, "SELECT SUM(post_count) FROM fk_board_counter WHERE board_id = ?",
                                board.id().value())).containsExactly((long) rows + 1);
                    }
                }
            }
        }
    }
}
