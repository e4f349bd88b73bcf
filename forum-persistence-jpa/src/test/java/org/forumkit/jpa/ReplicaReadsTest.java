package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.forumkit.Forum;
import org.forumkit.NotFoundException;
import org.forumkit.model.Board;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.Post;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.Viewer;
import org.forumkit.jpa.testing.PostgresReplica;
import org.forumkit.jpa.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two app nodes on a PostgreSQL primary with a streaming hot standby as read replica: users who write on one node
 * and read on the other, carrying their {@link ReadSession} position, never read stale, also while the standby's
 * replay is paused; a standby that lags past {@link JpaForumStore.Builder#replicaMaxLag} leaves its reads to the
 * primary until it catches up; with the standby stopped mid-run every read is still answered, by the primary.
 */
@Tag("replica")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaReadsTest {
    private static final int USERS = 2;
    private static final int CYCLES_PER_USER = 1000;
    private static final Viewer.Member ADMIN = Viewer.user("admin", "管理员", "admin");

    private static PostgresReplica servers;
    private static final List<AutoCloseable> OPENED = new ArrayList<>();
    private static JpaForumStore storeA;
    private static JpaForumStore storeB;
    private static Forum forumA;
    private static Forum forumB;
    private static Topic topic;

    @BeforeAll
    static void twoAppNodes() {
        servers = PostgresReplica.require();
        HikariDataSource migrate = pool(servers.primary(), 2, 30_000);
        OPENED.add(migrate);
        TestDatabase.migrateFromScratch(migrate, "postgresql");
        storeA = appNode();
        storeB = appNode();
        forumA = Forum.builder().store(storeA).build();
        forumB = Forum.builder().store(storeB).build();
        OPENED.add(forumA);
        OPENED.add(forumB);
        Board category = forumA.boards().create(ADMIN, CreateBoard.category("replica", "副本"));
        Board board = forumA.boards().create(ADMIN, CreateBoard.board(category.id(), "reads", "读"));
        topic = forumA.topics().start(ADMIN, StartTopic.of(board.id(), "读你所写", "一楼"));
    }

    private static JpaForumStore appNode() {
        return appNode(Duration.ofSeconds(5));
    }

    private static JpaForumStore appNode(Duration maxLag) {
        HikariDataSource primary = pool(servers.primary(), 6, 30_000);
        // A stopped replica must not hold a read for Hikari's default 30 s.
        HikariDataSource replica = pool(servers.standby(), 6, 1_000);
        OPENED.add(primary);
        OPENED.add(replica);
        EntityManagerFactory primaryEmf = TestDatabase.entityManagerFactory("postgresql", primary, false);
        EntityManagerFactory replicaEmf = TestDatabase.entityManagerFactory("postgresql", replica, false);
        // Closed in reverse: the factories before their pools.
        OPENED.add(primaryEmf::close);
        OPENED.add(replicaEmf::close);
        return JpaForumStore.builder(JpaTransactions.resourceLocal(primaryEmf)).readReplica(replicaEmf)
                .replicaMaxLag(maxLag).build();
    }

    private static HikariDataSource pool(TestServer server, int connections, long connectionTimeoutMillis) {
        server.require();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.url());
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setMaximumPoolSize(connections);
        config.setConnectionTimeout(connectionTimeoutMillis);
        TestDatabase.idleAway(config);
        return new HikariDataSource(config);
    }

    @AfterAll
    static void close() throws Exception {
        for (int i = OPENED.size() - 1; i >= 0; i--) {
            OPENED.get(i).close();
        }
        OPENED.clear();
    }

    @Test
    @Order(1)
    void ownWritesReadOnTheOtherNodeAreNeverStale() throws Exception {
        long replicaBefore = storeA.readsOnReplica() + storeB.readsOnReplica();
        AtomicInteger stale = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(USERS);
        List<Future<?>> done = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            Viewer.Member user = Viewer.user("user-" + u, "用户" + u);
            done.add(pool.submit(() -> {
                String position = ""; // what the host keeps in the user's session
                for (int i = 0; i < CYCLES_PER_USER; i++) {
                    boolean onA = i % 2 == 0;
                    Post reply;
                    try (ReadSession session = (onA ? storeA : storeB).openSession(position)) {
                        reply = (onA ? forumA : forumB).posts().reply(user, Reply.to(topic.id(), "第 " + i + " 条"));
                        position = session.position();
                    }
                    try (ReadSession ignored = (onA ? storeB : storeA).openSession(position)) {
                        (onA ? forumB : forumA).posts().get(user, reply.id());
                    } catch (NotFoundException missing) {
                        stale.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        long onReplica = storeA.readsOnReplica() + storeB.readsOnReplica() - replicaBefore;
        System.out.printf("replica reads: %d write-then-read cycles on two app nodes, %d stale, %d reads answered by"
                + " the replica, %d by the primary instead%n", USERS * CYCLES_PER_USER, stale.get(), onReplica,
                storeA.readsOnPrimaryInstead() + storeB.readsOnPrimaryInstead());
        // How many reads the replica could take depends on its lag at that instant: printed, not asserted.
        assertThat(stale.get()).as("own writes read stale").isZero();
    }

    @Test
    @Order(2)
    void readsGoToThePrimaryWhileTheReplicaLagsPastTheLimit() throws Exception {
        JpaForumStore limited = appNode(Duration.ofMillis(300));
        JpaForumStore unlimited = appNode(Duration.ofDays(1));
        try (Forum onLimited = Forum.builder().store(limited).build();
                Forum onUnlimited = Forum.builder().store(unlimited).build()) {
            Post first = forumA.topics().page(ADMIN, topic.id(), TopicPageRequest.first(1)).posts().get(0);
            onLimited.posts().get(Viewer.anonymous(), first.id());
            onUnlimited.posts().get(Viewer.anonymous(), first.id());
            assertThat(limited.readsOnReplica()).as("reads on a replica that keeps up").isPositive();
            Post reply;
            pauseReplay();
            try {
                reply = forumA.posts().reply(ADMIN, Reply.to(topic.id(), "回放暂停时的回复"));
                // Replay is paused: the standby receives the reply but does not show it, so its lag grows by the clock.
                boolean fresh = false;
                for (int i = 0; i < 200 && !fresh; i++) {
                    fresh = found(onLimited, reply);
                    if (!fresh) {
                        Thread.sleep(50);
                    }
                }
                assertThat(fresh).as("a read past the lag limit answered by the primary").isTrue();
                assertThat(limited.readsOnPrimaryInstead()).isPositive();
                assertThat(found(onUnlimited, reply)).as("the same read on a store without the limit (stale)").isFalse();
                assertThat(onStandby(reply)).as("the reply on the paused standby").isFalse();
            } finally {
                resumeReplay();
            }
            long onReplicaBefore = limited.readsOnReplica();
            boolean back = false;
            for (int i = 0; i < 200 && !back; i++) {
                found(onLimited, reply);
                back = limited.readsOnReplica() > onReplicaBefore;
                if (!back) {
                    Thread.sleep(50);
                }
            }
            assertThat(back).as("reads back on the replica once it caught up").isTrue();
        }
    }

    @Test
    @Order(3)
    void ownWritesAreReadFromThePrimaryWhileTheReplicaDoesNotReplay() throws Exception {
        JpaForumStore unlimited = appNode(Duration.ofDays(1));
        try (Forum onUnlimited = Forum.builder().store(unlimited).build()) {
            Viewer.Member user = Viewer.user("paused-user", "暂停用户");
            long primaryBefore = storeB.readsOnPrimaryInstead();
            pauseReplay();
            try {
                String position = "";
                for (int i = 0; i < 20; i++) {
                    Post reply;
                    try (ReadSession session = storeA.openSession(position)) {
                        reply = forumA.posts().reply(user, Reply.to(topic.id(), "暂停中第 " + i + " 条"));
                        position = session.position();
                    }
                    try (ReadSession ignored = storeB.openSession(position)) {
                        assertThat(forumB.posts().get(user, reply.id()).id()).isEqualTo(reply.id());
                    }
                    try (ReadSession ignored = unlimited.openSession(null)) {
                        assertThat(found(onUnlimited, reply)).as("the reply read without the user's position")
                                .isFalse();
                    }
                }
            } finally {
                resumeReplay();
            }
            assertThat(storeB.readsOnPrimaryInstead() - primaryBefore).as("own reads sent to the primary")
                    .isGreaterThanOrEqualTo(20);
        }
    }

    private static boolean found(Forum forum, Post post) {
        try {
            forum.posts().get(Viewer.anonymous(), post.id());
            return true;
        } catch (NotFoundException missing) {
            return false;
        }
    }

    private static boolean onStandby(Post post) throws SQLException {
        try (Connection c = servers.standby().connect();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM fk_post WHERE id = ?")) {
            s.setLong(1, post.id().value());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /** Pauses WAL replay on the standby (it keeps receiving) and waits until it is paused. */
    private static void pauseReplay() throws Exception {
        try (Connection c = servers.standby().connectAsAdmin(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_wal_replay_pause()");
            for (int i = 0; i < 100; i++) {
                try (ResultSet rs = s.executeQuery("SELECT pg_get_wal_replay_pause_state()")) {
                    rs.next();
                    if ("paused".equals(rs.getString(1))) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("the standby did not pause its replay");
        }
    }

    private static void resumeReplay() throws SQLException {
        try (Connection c = servers.standby().connectAsAdmin(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_wal_replay_resume()");
        }
    }

    @Test
    @Order(4)
    void readsAreAnsweredWhenTheReplicaStops() throws Exception {
        Viewer anonymous = Viewer.anonymous();
        long replicaBefore = storeB.readsOnReplica();
        for (int i = 0; i < 50; i++) {
            assertThat(forumB.topics().page(anonymous, topic.id(), TopicPageRequest.first(20)).posts()).isNotEmpty();
        }
        assertThat(storeB.readsOnReplica() - replicaBefore).as("reads on the replica while it runs").isPositive();
        servers.stopStandby();
        long primaryBefore = storeB.readsOnPrimaryInstead();
        for (int i = 0; i < 50; i++) {
            assertThat(forumB.topics().page(anonymous, topic.id(), TopicPageRequest.first(20)).posts()).isNotEmpty();
        }
        assertThat(storeB.readsOnPrimaryInstead() - primaryBefore).as("reads the primary answered instead")
                .isGreaterThanOrEqualTo(50);
    }
}
