package org.forumkit.examples.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.forumkit.Forum;
import org.forumkit.NotFoundException;
import org.forumkit.examples.Database;
import org.forumkit.jpa.JpaForumStore;
import org.forumkit.jpa.JpaTransactions;
import org.forumkit.jpa.ReadSession;
import org.forumkit.jpa.TopicRouting;
import org.forumkit.model.Author;
import org.forumkit.model.Board;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Post;
import org.forumkit.model.PostState;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.Viewer;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.NewPost;
import org.forumkit.spi.store.NewTopic;

/**
 * The scale-out comparisons of issue 14, each measured in one run so the ratios share the machine's load:
 * <ul>
 * <li>{@code galera}: the hot-topic and the spread (many topics) reply loads with the two app nodes' writes on one
 *     Galera node, on two nodes, and on two nodes routed by topic ({@link TopicRouting}); cluster URLs from
 *     {@code FORUMKIT_BENCH_GALERA_URLS} (comma-separated, at least two, user {@code forumkit}).</li>
 * <li>{@code replica}: a read-heavy load (page reads with a few replies whose writers read their own reply at once)
 *     on the PostgreSQL primary alone and on the primary with its streaming standby as read replica; URLs from
 *     {@code FORUMKIT_BENCH_REPLICA_URLS} ({@code primary,standby}).</li>
 * </ul>
 * Each load runs {@code rounds} times, the set-ups taking turns within a round and each round starting with the next
 * set-up; ratios are of set-ups within one round.
 */
final class ScaleOut {
    private static final String USER = "forumkit";

    private final Scenarios.Mode mode;
    private final Scenarios scenarios;
    private final Report report;
    private final int rounds;
    private final List<AutoCloseable> opened = new ArrayList<>();

    ScaleOut(Scenarios.Mode mode, Scenarios scenarios, Report report, int rounds) {
        this.mode = mode;
        this.scenarios = scenarios;
        this.report = report;
        this.rounds = rounds;
    }

    // ------------------------------------------------------------------ Galera

    /** An app node: its store and forum, and the routing its connections go through (null: none). */
    private record AppNode(JpaForumStore store, Forum forum, TopicRouting routing) {
    }

    private record Setup(String name, List<AppNode> nodes) {
        long retries() {
            return nodes.stream().mapToLong(n -> n.store().retries()).sum();
        }
    }

    void galera(List<String> urls) throws Exception {
        String target = "galera";
        if (urls.size() < 2) {
            report.note(target, "-", "skipped", "FORUMKIT_BENCH_GALERA_URLS names fewer than two nodes");
            return;
        }
        try (Database first = Database.open(urls.get(0), USER, USER, 2)) {
            int connections = mode.threadsPerNode() + 2;
            List<Setup> setups = List.of(
                    new Setup("1 node", List.of(galeraNode(pool(urls.get(0), connections)),
                            galeraNode(pool(urls.get(0), connections)))),
                    new Setup("2 nodes", List.of(galeraNode(pool(urls.get(0), connections)),
                            galeraNode(pool(urls.get(1), connections)))),
                    new Setup("2 nodes, routed by topic", List.of(
                            galeraNode(TopicRouting.over(List.of(pool(urls.get(0), connections),
                                    pool(urls.get(1), connections)))),
                            galeraNode(TopicRouting.over(List.of(pool(urls.get(0), connections),
                                    pool(urls.get(1), connections)))))));
            int threads = 2 * mode.threadsPerNode();
            for (boolean hot : new boolean[] {true, false}) {
                String scenario = (hot ? "hot topic" : mode.spreadTopics() + " topics, one board") + ", 2 app nodes x "
                        + mode.threadsPerNode();
                for (int round = 1; round <= rounds; round++) {
                    double[] perSecond = new double[setups.size()];
                    for (int turn = 0; turn < setups.size(); turn++) {
                        // Each round starts with the next set-up, so none always runs first (cold) or last.
                        int index = (turn + round - 1) % setups.size();
                        Setup setup = setups.get(index);
                        first.truncate();
                        // Made through Galera node 1 alone, then waited for on every node, whatever the set-up.
                        AppNode maker = setups.get(0).nodes().get(0);
                        List<TopicId> topics = hot ? List.of(hotTopic(maker)) : spreadTopics(maker);
                        synced(urls);
                        long retries = setup.retries();
                        long conflicts = conflicts(urls);
                        String load = loadAverage();
                        LoadDriver.Load replies = Scenarios.load(threads, mode.repliesPerWriter(), (thread, op, random) -> {
                            AppNode node = setup.nodes().get(thread % 2);
                            TopicId topic = topics.get(random.nextInt(topics.size()));
                            Reply reply = Reply.to(topic, "回复 " + op);
                            if (node.routing() == null) {
                                return node.forum().posts().reply(Scenarios.writer(thread), reply);
                            }
                            try (TopicRouting.Route ignored = node.routing().topic(topic)) {
                                return node.forum().posts().reply(Scenarios.writer(thread), reply);
                            }
                        });
                        String name = scenario + ", round " + round + ": " + setup.name();
                        scenarios.report(target, name, "replies", replies, setup.retries() - retries);
                        report.add(target, name, "certification failures and brute-force aborts", conflicts(urls)
                                - conflicts, "");
                        report.note(target, name, "load average before / after", load + " / " + loadAverage());
                        perSecond[index] = replies.perSecond();
                        synced(urls);
                        for (TopicId topic : topics.subList(0, Math.min(50, topics.size()))) {
                            // Read on each Galera node: the invariants hold on every one of them.
                            scenarios.checkFloors(target, setups.get(1).nodes().get(0).store(), topic);
                            scenarios.checkFloors(target, setups.get(1).nodes().get(1).store(), topic);
                        }
                    }
                    for (int i = 1; i < setups.size(); i++) {
                        report.add(target, scenario + ", round " + round + ": " + setups.get(i).name(),
                                "replies/s vs 1 node, same round", perSecond[i] / perSecond[0], "");
                    }
                }
            }
        } finally {
            closeOpened();
        }
    }

    private AppNode galeraNode(DataSource dataSource) {
        EntityManagerFactory emf = Database.entityManagerFactory(dataSource);
        opened.add(emf::close);
        // Galera aborts certification losers at any statement; many attempts, short pauses (SCALING.md).
        JpaForumStore store = JpaForumStore.builder(JpaTransactions.resourceLocal(emf))
                .maxAttempts(200).backoff(Duration.ofMillis(2)).maxBackoff(Duration.ofMillis(50)).build();
        Forum forum = Scenarios.forum(store);
        opened.add(forum);
        return new AppNode(store, forum, dataSource instanceof TopicRouting routing ? routing : null);
    }

    private static TopicId hotTopic(AppNode node) {
        Forum forum = node.forum();
        Board board = Scenarios.board(forum, "hot");
        return forum.topics().start(Viewer.user("op", "楼主"), StartTopic.of(board.id(), "热帖", Scenarios.BODY)).id();
    }

    private List<TopicId> spreadTopics(AppNode node) {
        Board board = Scenarios.board(node.forum(), "spread");
        return insertTopics(node.store(), board, mode.spreadTopics());
    }

    private static List<TopicId> insertTopics(ForumStore store, Board board, int count) {
        List<TopicId> topics = new ArrayList<>();
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < count; ) {
            int from = i;
            int end = Math.min(count, i + 250);
            store.inTransaction(tx -> {
                for (int n = from; n < end; n++) {
                    Author author = Scenarios.author(n % 50);
                    Instant at = start.plusSeconds(n);
                    topics.add(tx.insertTopic(new NewTopic(board.id(), "主题 " + n, null, author, at, null),
                            new NewPost(null, author, at, Scenarios.BODY, ContentFormat.PLAIN,
                                    "<p>" + Scenarios.BODY + "</p>", "plain/bench", PostState.VISIBLE, null,
                                    List.of())).topic().id());
                }
                return null;
            });
            i = end;
        }
        return topics;
    }

    /** Waits until every node has applied what the cluster committed so far (a causal read on each). */
    private static void synced(List<String> urls) throws SQLException {
        for (String url : urls) {
            try (Connection c = DriverManager.getConnection(url, USER, USER); Statement s = c.createStatement()) {
                s.execute("SET SESSION wsrep_sync_wait = 1");
                s.executeQuery("SELECT COUNT(*) FROM fk_topic").close();
            }
        }
    }

    /** Write-sets that failed certification or were aborted by a replicated one, summed over the nodes. */
    private static long conflicts(List<String> urls) throws SQLException {
        long sum = 0;
        for (String url : urls) {
            try (Connection c = DriverManager.getConnection(url, USER, USER); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN"
                            + " ('wsrep_local_cert_failures', 'wsrep_local_bf_aborts')")) {
                while (rs.next()) {
                    sum += rs.getLong(2);
                }
            }
        }
        return sum;
    }

    // ------------------------------------------------------------------ PostgreSQL read replica

    void replica(String primaryUrl, String standbyUrl) throws Exception {
        String target = "postgresql replica";
        int topicsCount = mode.name().equals("full") ? 500 : 100;
        int floors = 100;
        try (Database primary = Database.open(primaryUrl, USER, USER, 2)) {
            primary.truncate();
            Board board;
            List<Topic> topics = new ArrayList<>();
            try (Forum forum = Scenarios.forum(primary.store())) {
                board = Scenarios.board(forum, "replica");
                for (int i = 0; i < topicsCount; i++) {
                    Topic topic = forum.topics().start(Viewer.user("op", "楼主"),
                            StartTopic.of(board.id(), "读多写少 " + i, Scenarios.BODY));
                    Scenarios.populate(primary.store(), topic, floors);
                    topics.add(topic);
                }
            }
            primary.analyze();
            int connections = mode.threadsPerNode() + 2;
            List<Setup> setups = new ArrayList<>();
            setups.add(new Setup("primary only", List.of(replicaNode(primaryUrl, null, connections),
                    replicaNode(primaryUrl, null, connections))));
            setups.add(new Setup("primary + replica", List.of(replicaNode(primaryUrl, standbyUrl, connections),
                    replicaNode(primaryUrl, standbyUrl, connections))));
            caughtUp(primaryUrl, standbyUrl);
            int threads = 2 * mode.threadsPerNode();
            int ops = mode.name().equals("full") ? 2_000 : 300;
            String scenario = "read-heavy pages (" + topicsCount + " topics of " + floors + " floors; 19 of 20 operations"
                    + " page reads, 1 a reply read back at once), 2 app nodes x " + mode.threadsPerNode();
            for (int round = 1; round <= rounds; round++) {
                double[] perSecond = new double[setups.size()];
                for (int turn = 0; turn < setups.size(); turn++) {
                    int index = (turn + round - 1) % setups.size();
                    Setup setup = setups.get(index);
                    AtomicLong stale = new AtomicLong();
                    AtomicLong pages = new AtomicLong();
                    long onReplica = setup.nodes().stream().mapToLong(n -> n.store().readsOnReplica()).sum();
                    long instead = setup.nodes().stream().mapToLong(n -> n.store().readsOnPrimaryInstead()).sum();
                    String load = loadAverage();
                    String[] positions = new String[threads]; // what each user's host session keeps
                    LoadDriver.Load done = Scenarios.load(threads, ops, (thread, op, random) -> {
                        AppNode node = setup.nodes().get((thread + op) % 2); // a user's requests land on either node
                        Topic topic = topics.get(random.nextInt(topics.size()));
                        try (ReadSession session = node.store().openSession(positions[thread])) {
                            if (op % 20 == 19) {
                                Viewer.Member user = Scenarios.writer(thread);
                                Post reply = node.forum().posts().reply(user, Reply.to(topic.id(), "读后回复 " + op));
                                positions[thread] = session.position();
                                AppNode other = setup.nodes().get((thread + op + 1) % 2);
                                try (ReadSession next = other.store().openSession(positions[thread])) {
                                    other.forum().posts().get(user, reply.id());
                                } catch (NotFoundException missing) {
                                    stale.incrementAndGet();
                                }
                                return reply;
                            }
                            pages.incrementAndGet();
                            if (op % 5 == 0) {
                                return node.forum().boards().topics(Viewer.anonymous(), board.id(),
                                        PageRequest.first(20));
                            }
                            int from = 1 + 20 * random.nextInt(floors / 20);
                            return node.forum().topics().page(Viewer.anonymous(), topic.id(),
                                    TopicPageRequest.from(from, 20));
                        }
                    });
                    String name = scenario + ", round " + round + ": " + setup.name();
                    double pagesPerSecond = pages.get() / done.seconds();
                    report.add(target, name, "page reads per second", pagesPerSecond, "/s");
                    report.add(target, name, "operations per second", done.perSecond(), "/s");
                    report.add(target, name, "p50", done.latency().percentileMillis(50), "ms");
                    report.add(target, name, "p99", done.latency().percentileMillis(99), "ms");
                    report.add(target, name, "reads answered by the replica",
                            setup.nodes().stream().mapToLong(n -> n.store().readsOnReplica()).sum() - onReplica, "");
                    report.add(target, name, "reads sent to the primary instead (lag, own writes)",
                            setup.nodes().stream().mapToLong(n -> n.store().readsOnPrimaryInstead()).sum() - instead,
                            "");
                    report.add(target, name, "own replies read stale", stale.get(), "");
                    report.note(target, name, "load average before / after", load + " / " + loadAverage());
                    if (done.failures() > 0) {
                        report.violation(target, name + ": " + done.failures() + " operations failed");
                    }
                    if (stale.get() > 0) {
                        report.violation(target, name + ": " + stale.get() + " own replies read stale");
                    }
                    perSecond[index] = pagesPerSecond;
                }
                report.add(target, scenario + ", round " + round + ": " + setups.get(1).name(),
                        "page reads/s vs primary only, same round", perSecond[1] / perSecond[0], "");
            }
            for (Topic topic : topics.subList(0, 20)) {
                scenarios.checkFloors(target, primary.store(), topic.id());
            }
        } finally {
            closeOpened();
        }
    }

    private AppNode replicaNode(String primaryUrl, String standbyUrl, int connections) {
        EntityManagerFactory primary = Database.entityManagerFactory(pool(primaryUrl, connections));
        opened.add(primary::close);
        JpaForumStore.Builder builder = JpaForumStore.builder(JpaTransactions.resourceLocal(primary));
        if (standbyUrl != null) {
            EntityManagerFactory standby = Database.entityManagerFactory(pool(standbyUrl, connections));
            opened.add(standby::close);
            builder.readReplica(standby);
        }
        JpaForumStore store = builder.build();
        Forum forum = Scenarios.forum(store);
        opened.add(forum);
        return new AppNode(store, forum, null);
    }

    /** Waits (up to a minute) until the standby has replayed everything the primary wrote so far. */
    private static void caughtUp(String primaryUrl, String standbyUrl) throws Exception {
        String written;
        try (Connection c = DriverManager.getConnection(primaryUrl, USER, USER); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT CAST(pg_current_wal_insert_lsn() AS text)")) {
            rs.next();
            written = rs.getString(1);
        }
        try (Connection c = DriverManager.getConnection(standbyUrl, USER, USER);
                java.sql.PreparedStatement s = c.prepareStatement(
                        "SELECT pg_last_wal_replay_lsn() >= CAST(? AS pg_lsn)")) {
            s.setString(1, written);
            for (int i = 0; i < 600; i++) {
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return;
                    }
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the standby did not catch up with the primary within a minute");
    }

    // ------------------------------------------------------------------ both

    private HikariDataSource pool(String url, int connections) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(USER);
        config.setPassword(USER);
        config.setMaximumPoolSize(connections);
        HikariDataSource pool = new HikariDataSource(config);
        opened.add(pool);
        return pool;
    }

    /** The 1, 5 and 15 minute load averages, from /proc/loadavg (the machine is shared: read ratios with it). */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private void closeOpened() throws Exception {
        // Forums before their factories, factories before their pools: the reverse of opening.
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        opened.clear();
    }
}
