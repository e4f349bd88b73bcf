package org.forumkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.forumkit.examples.FaultLoad.Attempt;
import org.forumkit.examples.FaultLoad.Outcome;
import org.forumkit.jpa.testing.Backends;
import org.forumkit.jpa.testing.OwnServer;
import org.forumkit.jpa.testing.TestServer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault harness over HTTP: two demo nodes (A in this JVM; B a child JVM on PostgreSQL, in this JVM on MariaDB
 * unless the run is long, to bound CI's time) on a database server of the test's
 * own ({@link OwnServer}, PostgreSQL or MariaDB), pools of {@value #POOL} connections with a 500 ms wait, the
 * {@link FaultLoad} running throughout while, one after the other: every connection of the forum is terminated every
 * 0.2–0.6 s ({@code pg_terminate_backend} / {@code KILL}); the hot topic's row is locked from outside so that the
 * requests hold every pooled connection (the pool exhausted); the server crashes and is started again; the child node
 * is killed with {@code kill -9}. Then {@link FaultChecks} against the client's log, every failure a typed JSON error,
 * the time to the first acknowledgement after each fault, and node A's pool and threads back to where they were.
 * {@code -Dforumkit.faults.scale=N} makes each phase N times longer (the long run of RELIABILITY.md).
 */
class DemoFaultsTest {
    static final int POOL = 4;
    static final double SCALE = Double.parseDouble(System.getProperty("forumkit.faults.scale", "1"));
    /** The long run: node B a child JVM killed with {@code kill -9} on both databases (CI: on PostgreSQL only). */
    static final boolean LONG = SCALE > 1;

    @Nested
    @Tag("postgresql")
    class OnPostgreSql {
        @Test
        void twoNodesUnderFaultsLoseNothingAcknowledgedAndAnswerTyped(@TempDir Path data) throws Exception {
            try (OwnServer server = OwnServer.postgresql()) {
                new Harness(server, data, true).run();
            }
        }
    }

    @Nested
    @Tag("mariadb")
    class OnMariaDb {
        @Test
        void twoNodesUnderFaultsLoseNothingAcknowledgedAndAnswerTyped(@TempDir Path data) throws Exception {
            try (OwnServer server = OwnServer.mariadb()) {
                new Harness(server, data, LONG).run();
            }
        }
    }

    static Map<String, Object> nodeProperties() {
        return Map.of("spring.datasource.hikari.maximum-pool-size", POOL,
                "spring.datasource.hikari.connection-timeout", 500,
                "forumkit.api.rate-limit.enabled", false,
                "logging.level.com.zaxxer.hikari", "error",
                "logging.level.org.hibernate", "off",
                "logging.level.org.forumkit.jpa.spring.web", "error");
    }

    static final class Harness {
        final OwnServer server;
        final Path data;
        final String label;
        final boolean childNode;
        final Map<String, Long> figures = new java.util.LinkedHashMap<>();
        /** When each fault ended (the database answering again), by name: recovery is measured from there. */
        final Map<String, Long> faultEnded = new java.util.LinkedHashMap<>();

        Harness(OwnServer server, Path data, boolean childNode) {
            this.server = server;
            this.data = data;
            this.childNode = childNode;
            this.label = server.kind() == TestServer.Kind.POSTGRESQL ? "PostgreSQL" : "MariaDB";
        }

        void run() throws Exception {
            long t0 = System.nanoTime();
            DemoApp a = DemoApp.start(new DemoConfig(0, server.url(), server.user(), "", data.resolve("a")),
                    nodeProperties());
            figures.put("startA", (System.nanoTime() - t0) / 1_000_000);
            Process b = null;
            DemoApp inJvmB = null;
            try {
                long t1 = System.nanoTime();
                String urlB;
                if (childNode) {
                    b = startChild();
                    urlB = "http://127.0.0.1:" + childPort(b) + "/";
                } else {
                    inJvmB = DemoApp.start(new DemoConfig(0, server.url(), server.user(), "", data.resolve("b")),
                            nodeProperties());
                    urlB = inJvmB.url();
                }
                figures.put("startB", (System.nanoTime() - t1) / 1_000_000);
                DemoClient alice = new DemoClient(a.url()).signIn("alice");
                DemoClient.Reply started = alice.json("POST", "/api/boards/news-media/topics",
                        "{\"title\":\"热帖\",\"type\":\"新闻媒体\",\"body\":\"一楼\"}");
                assertThat(started.status()).as(started.text()).isEqualTo(201);
                long topic = started.json().get("id").asLong();
                long hot = new DemoClient(urlB).signIn("mod").json("POST", "/api/topics/" + topic + "/replies",
                        "{\"body\":\"二楼：投票吧\"}").json().get("id").asLong();
                long boardId;
                long boardPosts;
                try (Connection c = connect()) {
                    boardId = FaultChecks.longs(c, "SELECT board_id FROM fk_topic WHERE id = ?", topic).get(0);
                    boardPosts = FaultChecks.longs(c, "SELECT SUM(post_count) FROM fk_board_counter WHERE board_id = ?", boardId).get(0);
                }
                HikariPoolMXBean pool = pool(a);
                int threadsBefore = serverThreads();

                FaultLoad load = new FaultLoad(List.of(a.url(), urlB), topic, hot);
                long began = System.nanoTime();
                load.start();
                sleep(1.5);
                killConnections();
                sleep(1);
                exhaustPool(topic);
                sleep(1);
                restart();
                sleep(1);
                if (b != null) {
                    b.destroyForcibly(); // SIGKILL: no shutdown, answers cut off mid-request
                    load.nodeKilled(1);
                    assertThat(b.waitFor(30, TimeUnit.SECONDS)).isTrue();
                    faultEnded.put("nodeKill", System.nanoTime());
                    sleep(2);
                }
                List<Attempt> log = load.stop();
                faultEnded.forEach((fault, at) -> figures.put(fault + "RecoveryMillis", log.stream()
                        .filter(x -> x.outcome() == Outcome.ACKNOWLEDGED && x.answeredAt() > at)
                        .mapToLong(x -> (x.answeredAt() - at) / 1_000_000).min().orElse(-1)));
                long millis = (System.nanoTime() - began) / 1_000_000;

                Thread.sleep(1500); // the pool returns connections, Tomcat finishes the last answers
                Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
                Map<String, Integer> codes = new java.util.TreeMap<>();
                for (Attempt attempt : log) {
                    outcomes.merge(attempt.outcome(), 1, Integer::sum);
                    if (attempt.outcome() != Outcome.ACKNOWLEDGED) {
                        codes.merge(attempt.kind() + " " + attempt.status() + " " + attempt.code(), 1, Integer::sum);
                    }
                }
                FaultChecks.Stored stored;
                try (Connection c = connect()) {
                    stored = FaultChecks.verify(c, topic, boardId, boardPosts, 2, hot, log);
                }
                int threadsAfter = serverThreads();
                System.out.printf("%s faults over HTTP: %d requests in %d ms, %s; failures %s; %d replies stored"
                                + " (%d without an acknowledgement, whole), %d votes; %s; node A pool after:"
                                + " active %d, idle %d, waiting %d; server threads (not Tomcat workers) %d -> %d%n",
                        label, log.size(), millis, outcomes, codes, stored.replies(), stored.unacknowledged(),
                        stored.votes(), figures, pool.getActiveConnections(), pool.getIdleConnections(),
                        pool.getThreadsAwaitingConnection(), threadsBefore, threadsAfter);
                assertThat(log.stream().filter(x -> x.outcome() == Outcome.UNTYPED).map(Attempt::code).limit(5))
                        .as("failures that were not a typed JSON error").isEmpty();
                assertThat(log.stream().filter(x -> x.kind().equals("reply") && x.outcome() == Outcome.ACKNOWLEDGED))
                        .isNotEmpty();
                assertThat(log.stream().filter(x -> x.kind().equals("vote") && x.outcome() == Outcome.ACKNOWLEDGED))
                        .isNotEmpty();
                assertThat(outcomes.getOrDefault(Outcome.REFUSED, 0)).as("refusals while the database was away")
                        .isPositive();
                assertThat(faultEnded.keySet()).as("acknowledged again after every fault").allSatisfy(
                        fault -> assertThat(figures.get(fault + "RecoveryMillis")).as(fault).isNotNegative());
                assertThat(pool.getActiveConnections()).as("connections in use after the load").isZero();
                assertThat(pool.getThreadsAwaitingConnection()).isZero();
                assertThat(pool.getTotalConnections()).isLessThanOrEqualTo(POOL);
                assertThat(threadsAfter).as("threads of the server, not counting Tomcat's bounded worker pool")
                        .isLessThanOrEqualTo(threadsBefore + 4);
                assertThat(new DemoClient(a.url()).signIn("carol").json("POST", "/api/topics/" + topic + "/replies",
                        "{\"body\":\"恢复了\"}").status()).isEqualTo(201);
            } finally {
                if (b != null) {
                    b.destroyForcibly();
                }
                if (inJvmB != null) {
                    inJvmB.close();
                }
                a.close();
            }
        }

        private Connection connect() throws SQLException {
            return DriverManager.getConnection(server.url(), server.user(), "");
        }

        /** Terminates every other connection to the forum's database every 0.2–0.6 s; the recovery time after. */
        private void killConnections() throws Exception {
            long until = System.nanoTime() + nanos(3);
            Backends.Rounds killed;
            try (Connection killer = connect()) {
                killed = Backends.terminateOthersWhile(killer, () -> System.nanoTime() < until);
            }
            faultEnded.put("kill", System.nanoTime());
            figures.put("killRounds", (long) killed.rounds());
            figures.put("connectionsEnded", (long) killed.ended());
        }

        /** Holds the hot topic's row lock for 2 s: the replies waiting for it hold every pooled connection. */
        private void exhaustPool(long topic) throws Exception {
            try (Connection c = connect()) {
                c.setAutoCommit(false);
                try (PreparedStatement s = c.prepareStatement("SELECT id FROM fk_topic WHERE id = ? FOR UPDATE")) {
                    s.setLong(1, topic);
                    s.executeQuery().close();
                }
                sleep(2);
                c.commit();
            }
            faultEnded.put("pool", System.nanoTime());
        }

        /** Crashes the server, starts it again 1 s later; the time from its return to the first acknowledgement. */
        private void restart() throws Exception {
            long crashed = System.nanoTime();
            server.crash();
            sleep(1);
            server.startServer();
            long back = System.nanoTime();
            faultEnded.put("restart", back);
            figures.put("downMillis", (back - crashed) / 1_000_000);
            sleep(2);
        }

        /** The child JVM of node B, on the test's class path. */
        private Process startChild() throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            return new ProcessBuilder(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), Node.class.getName(), server.url(), server.user(),
                    data.resolve("b").toString()).redirectErrorStream(true).start();
        }

        /** Reads node B's port from its output (then keeps draining it, so the child never blocks on its pipe). */
        private static int childPort(Process child) throws Exception {
            CompletableFuture<Integer> port = new CompletableFuture<>();
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (line.startsWith(Node.PORT)) {
                            port.complete(Integer.parseInt(line.substring(Node.PORT.length())));
                        } else if (!port.isDone() && output.length() < 8000) {
                            output.append(line).append('\n');
                        }
                    }
                } catch (Exception gone) {
                    // the child was killed
                }
                port.completeExceptionally(new IllegalStateException("node B ended before it answered:\n" + output));
            }, "node-b-output");
            reader.setDaemon(true);
            reader.start();
            return port.get(3, TimeUnit.MINUTES);
        }

        /** Live threads of this JVM but Tomcat's workers (bounded by its pool) and the test's own HTTP clients. */
        private static int serverThreads() {
            return (int) Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                    .filter(n -> !n.startsWith("http-nio-") && !n.startsWith("HttpClient-")
                            && !n.startsWith("ForkJoinPool") && !n.startsWith("pool-"))
                    .count();
        }

        private static HikariPoolMXBean pool(DemoApp app) throws SQLException {
            DataSource dataSource = app.context().getBean(DataSource.class);
            return dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
        }

        private static long nanos(double seconds) {
            return (long) (seconds * SCALE * 1e9);
        }

        private static void sleep(double seconds) throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(nanos(seconds));
        }
    }

    /** Node B: the demo on the given database in a JVM of its own, until it is killed. */
    static final class Node {
        static final String PORT = "FORUMKIT_FAULT_NODE_PORT ";

        public static void main(String[] args) throws Exception {
            DemoApp app = DemoApp.start(new DemoConfig(0, args[0], args[1], "", Path.of(args[2])), nodeProperties());
            System.out.println(PORT + app.port());
            System.out.flush();
            Thread.currentThread().join();
        }

        private Node() {
        }
    }
}
