package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.forumkit.Forum;
import org.forumkit.ForumSettings;
import org.forumkit.model.Board;
import org.forumkit.model.Reply;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.Viewer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An app node killed with {@code kill -9} mid-load: a child JVM runs the forum through the library (its own pool and
 * {@link JpaForumStore}), 4 threads reply to one topic and print each acknowledgement, one records views with the
 * buffer flushed every {@value #FLUSH_MILLIS} ms and prints its running count. SIGKILL after about 3 s of load; then,
 * in SQL: every acknowledged reply stored exactly once, floors gap-free, counts equal rows, and the views lost are
 * within the documented flush window (one interval plus the flush in flight), none counted twice.
 */
class KilledNodeTest {
    static final long FLUSH_MILLIS = 1000;

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

    abstract class Cases {
        final TestDatabase db;

        Cases(TestDatabase db) {
            this.db = db;
        }

        @Test
        void acknowledgedRepliesSurviveAKilledNodeAndViewsLoseAtMostTheFlushWindow() throws Exception {
            db.require().clean();
            Topic topic;
            Board board;
            try (TestDatabase.Node node = db.openNode(2); Forum forum = Forum.builder()
                    .store(JpaForumStore.create(node.emf())).build()) {
                TestDatabase.HotTopic hot = TestDatabase.hotTopic(forum, "node", "节点");
                board = hot.board();
                topic = hot.topic();
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    Child.class.getName(), db.dialect(), db.jdbcUrl(), db.user(), db.password(),
                    Long.toString(topic.id().value())).redirectErrorStream(true).start();
            Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
            AtomicLong views = new AtomicLong(-1);
            // (when, running count) of every report: which moment of the load the stored count corresponds to.
            java.util.Queue<long[]> timeline = new java.util.concurrent.ConcurrentLinkedQueue<>();
            StringBuilder other = new StringBuilder();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (line.startsWith("ACK ")) {
                            String[] parts = line.split(" ", 3);
                            acknowledged.put(parts[2], Integer.parseInt(parts[1]));
                        } else if (line.startsWith("VIEWS ")) {
                            views.set(Long.parseLong(line.substring(6)));
                            timeline.add(new long[] {System.nanoTime(), views.get()});
                        } else if (other.length() < 4000) {
                            other.append(line).append('\n');
                        }
                    }
                } catch (Exception killed) {
                    // the child's end of the pipe went away
                }
            });
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while ((acknowledged.isEmpty() || views.get() < 0) && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(acknowledged).as("the child's output:\n" + other).isNotEmpty();
            // The first flush must have landed before the kill: on a loaded machine the child's first flush can come
            // later than the sleep below, and a kill before it would measure the whole run as lost (the loss is
            // counted from the last report the stored count covers).
            try (Connection c = db.dataSource().getConnection()) {
                while (TwoNodesTest.longs(c, "SELECT views FROM fk_topic WHERE id = ?", topic.id().value()).get(0) == 0
                        && child.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            }
            Thread.sleep(3 * FLUSH_MILLIS + FLUSH_MILLIS / 3); // mid-interval, after a few flushes
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no last flush
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(5_000);
            try (Connection c = db.dataSource().getConnection()) {
                int rows = StoredReplies.verify(c, topic.id().value(), board.id().value(), acknowledged);
                long stored = TwoNodesTest.longs(c, "SELECT views FROM fk_topic WHERE id = ?", topic.id().value()).get(0);
                long reported = views.get();
                long last = 0;
                long storedUpTo = 0;
                for (long[] report : timeline) {
                    last = report[0];
                    if (report[1] <= stored) {
                        storedUpTo = report[0];
                    }
                }
                double lostSeconds = (last - storedUpTo) / 1e9;
                long lost = reported - stored;
                System.out.printf("%s kill -9: %d replies acknowledged, %d stored (%d whose answer the kill cut off);"
                                + " views reported %d, stored %d, lost %d = the last %.2f s of load (flush every %d ms)%n",
                        db, acknowledged.size(), rows, rows - acknowledged.size(), reported, stored, lost, lostSeconds,
                        FLUSH_MILLIS);
                // One flush interval plus the flush in flight, which a loaded server may hold for a while: 3 s here.
                assertThat(lostSeconds).as("views lost, as seconds of load").isLessThan(3.0 * FLUSH_MILLIS / 1000);
                // The child may count (and flush) a few views after its last report, never a whole window more.
                long lastWindow = timeline.stream().filter(r -> r[0] >= timeline.stream()
                        .mapToLong(x -> x[0]).max().orElse(0) - TimeUnit.MILLISECONDS.toNanos(FLUSH_MILLIS))
                        .mapToLong(r -> r[1]).min().orElse(reported);
                assertThat(stored).as("views never counted twice").isLessThanOrEqualTo(reported + (reported - lastWindow));
            }
        }
    }

    /** The app node: replies and views through the library until it is killed. */
    static final class Child {
        public static void main(String[] args) throws Exception {
            PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                    StandardCharsets.UTF_8);
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(args[1]);
            config.setUsername(args[2]);
            config.setPassword(args[3]);
            config.setMaximumPoolSize(6);
            HikariDataSource pool = new HikariDataSource(config);
            EntityManagerFactory emf = TestDatabase.entityManagerFactory(args[0], pool, false);
            Forum forum = Forum.builder().store(JpaForumStore.create(emf))
                    .settings(ForumSettings.defaults().withViewWindow(Duration.ZERO)
                            .withViewFlushInterval(Duration.ofMillis(FLUSH_MILLIS)))
                    .build();
            TopicId topic = TopicId.of(Long.parseLong(args[4]));
            for (int w = 0; w < 4; w++) {
                Viewer.Member writer = Viewer.user("writer-" + w, "写手" + w);
                int n = w;
                new Thread(() -> {
                    for (int i = 0; ; i++) {
                        String body = "回复 " + n + "-" + i;
                        try {
                            int floor = forum.posts().reply(writer, Reply.to(topic, body)).floor();
                            synchronized (out) {
                                out.println("ACK " + floor + " " + body);
                            }
                        } catch (RuntimeException e) {
                            synchronized (out) {
                                out.println("FAILED " + e);
                            }
                        }
                    }
                }).start();
            }
            Viewer anonymous = Viewer.anonymous();
            long recorded = 0;
            long reportedAt = 0;
            while (true) {
                forum.views().record(anonymous, topic);
                recorded++;
                long now = System.nanoTime();
                if (now - reportedAt > 10_000_000) {
                    synchronized (out) {
                        out.println("VIEWS " + recorded);
                    }
                    reportedAt = now;
                }
            }
        }

        private Child() {
        }
    }
}
