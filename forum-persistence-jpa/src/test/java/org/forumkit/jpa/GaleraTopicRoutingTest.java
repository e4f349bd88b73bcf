package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.forumkit.Forum;
import org.forumkit.model.Board;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.Viewer;
import org.forumkit.jpa.testing.GaleraCluster;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two app nodes, each on a {@link TopicRouting} over Galera nodes 1 and 2, write to two hot topics (in boards of their
 * own) that route to different nodes: routed, write-sets fail certification or abort a local writer at most a
 * twentieth as often as with connections taking turns over the nodes (0 in two runs, 8 in one, against 556–693). Floors and counters are checked on
 * every node after each load.
 */
@Tag("galera")
class GaleraTopicRoutingTest {
    private static final int WRITERS_PER_TOPIC_AND_APP_NODE = 4;
    private static final int REPLIES_PER_WRITER = 25;
    private static final Viewer.Member ADMIN = Viewer.user("admin", "管理员", "admin");

    @Test
    void aTopicsWritersRoutedToOneNodeFailNoCertification() throws Exception {
        GaleraCluster cluster = GaleraNodes.cluster();
        GaleraNodes.clean();
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            List<TopicRouting> routings = new ArrayList<>();
            List<Forum> forums = new ArrayList<>();
            List<JpaForumStore> stores = new ArrayList<>();
            for (int app = 0; app < 2; app++) {
                int connections = 2 * WRITERS_PER_TOPIC_AND_APP_NODE + 2;
                HikariDataSource one = GaleraNodes.pool(cluster.member(1), connections, true);
                HikariDataSource two = GaleraNodes.pool(cluster.member(2), connections, true);
                opened.add(one);
                opened.add(two);
                TopicRouting routing = TopicRouting.over(List.of(one, two));
                EntityManagerFactory emf = TestDatabase.entityManagerFactory("mariadb", routing, false);
                opened.add(emf::close);
                JpaForumStore store = GaleraNodes.store(emf);
                Forum forum = Forum.builder().store(store).build();
                opened.add(forum);
                routings.add(routing);
                stores.add(store);
                forums.add(forum);
            }
            TopicRouting routing = routings.get(0);
            Board category = forums.get(0).boards().create(ADMIN, CreateBoard.category("routing", "路由"));
            List<Topic> hot = new ArrayList<>();
            for (int node = 0; node < 2; node++) {
                Board board = forums.get(0).boards().create(ADMIN, CreateBoard.board(category.id(), "hot-" + node,
                        "热版 " + node));
                Topic topic;
                int tries = 0;
                do {
                    topic = forums.get(0).topics().start(Viewer.user("op-" + node, "楼主" + node),
                            StartTopic.of(board.id(), "热帖 " + tries++, "一楼"));
                } while (routing.nodeOf(topic.id().value()) != node);
                hot.add(topic);
            }

            long[] before = conflicts(cluster);
            load(forums, routings, hot, true, "routed");
            long[] routed = minus(conflicts(cluster), before);
            long retriesRouted = stores.get(0).retries() + stores.get(1).retries();
            checkEveryNode(cluster, hot);

            before = conflicts(cluster);
            load(forums, routings, hot, false, "spread");
            long[] spread = minus(conflicts(cluster), before);
            long retriesSpread = stores.get(0).retries() + stores.get(1).retries() - retriesRouted;
            checkEveryNode(cluster, hot);

            System.out.printf("Galera topic routing: %d replies per load; routed: %d certification failures, %d brute-"
                    + "force aborts, %d re-runs; spread over nodes 1 and 2: %d, %d, %d re-runs%n",
                    2L * 2 * WRITERS_PER_TOPIC_AND_APP_NODE * REPLIES_PER_WRITER, routed[0], routed[1], retriesRouted,
                    spread[0], spread[1], retriesSpread);
            // The topics' own rows certify against nothing, but the two topics' replies still share rows of shared
            // indexes (their search terms are the same words), where a write-set may now and then meet another.
            assertThat(spread[0] + spread[1]).as("conflicts with writes spread over the nodes").isGreaterThan(100);
            assertThat(routed[0] + routed[1]).as("conflicts with each topic's writes on one node")
                    .isLessThan((spread[0] + spread[1]) / 20);
        } finally {
            for (int i = opened.size() - 1; i >= 0; i--) {
                opened.get(i).close();
            }
        }
    }

    /** Writers on both app nodes reply to both topics; {@code routed}: each reply inside its topic's route. */
    private static void load(List<Forum> forums, List<TopicRouting> routings, List<Topic> hot, boolean routed,
            String label) throws Exception {
        int threads = forums.size() * hot.size() * WRITERS_PER_TOPIC_AND_APP_NODE;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int app = t % forums.size();
            Topic topic = hot.get(t / forums.size() % hot.size());
            Viewer.Member writer = Viewer.user(label + "-writer-" + t, "写手" + t);
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < REPLIES_PER_WRITER; i++) {
                    Reply reply = Reply.to(topic.id(), label + " " + i);
                    try {
                        if (routed) {
                            try (TopicRouting.Route ignored = routings.get(app).topic(topic.id())) {
                                forums.get(app).posts().reply(writer, reply);
                            }
                        } else {
                            forums.get(app).posts().reply(writer, reply);
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
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertThat(failures).as(label + ": replies that failed").isEmpty();
    }

    private static void checkEveryNode(GaleraCluster cluster, List<Topic> hot) throws SQLException {
        for (int member = 1; member <= cluster.size(); member++) {
            try (HikariDataSource pool = GaleraNodes.pool(cluster.member(member), 1, true);
                    Connection c = pool.getConnection()) {
                for (Topic topic : hot) {
                    long floors = TwoNodesTest.longs(c, "SELECT highest_floor FROM fk_topic WHERE id = ?",
                            topic.id().value()).get(0);
                    assertThat(TwoNodesTest.longs(c, "SELECT floor FROM fk_post WHERE topic_id = ? ORDER BY floor",
                            topic.id().value())).as("floors of topic %s on node %d", topic.id(), member)
                            .containsExactlyElementsOf(LongStream.rangeClosed(1, floors).boxed().toList());
                    assertThat(TwoNodesTest.longs(c, "SELECT replies FROM fk_topic WHERE id = ?", topic.id().value()))
                            .containsExactly(floors - 1);
                    assertThat(TwoNodesTest.longs(c, "SELECT SUM(post_count) FROM fk_board_counter WHERE board_id = ?",
                            topic.boardId().value())).containsExactly(TwoNodesTest.longs(c,
                            "SELECT COUNT(*) FROM fk_post p JOIN fk_topic t ON t.id = p.topic_id WHERE t.board_id = ?",
                            topic.boardId().value()).get(0));
                }
            }
        }
    }

    private static long[] minus(long[] after, long[] before) {
        return new long[] {after[0] - before[0], after[1] - before[1]};
    }

    /**
     * Local write-sets that failed certification, and local transactions aborted by a replicated one (brute force),
     * each summed over the cluster's nodes.
     */
    private static long[] conflicts(GaleraCluster cluster) throws SQLException {
        long[] sum = new long[2];
        for (int member = 1; member <= cluster.size(); member++) {
            try (Connection c = cluster.member(member).connect(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN"
                            + " ('wsrep_local_cert_failures', 'wsrep_local_bf_aborts')")) {
                while (rs.next()) {
                    sum[rs.getString(1).toLowerCase(Locale.ROOT).contains("cert") ? 0 : 1] += rs.getLong(2);
                }
            }
        }
        return sum;
    }
}
