package org.forumkit.jpa;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.forumkit.jpa.testing.GaleraCluster;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link TwoNodesTest}'s load with each app node on a Galera node of its own: every node certifies the others'
 * write-sets, so losers abort at any statement and the store runs the whole command again. Floors, counters and
 * votes are checked on every database node. The sessions read causally ({@code wsrep_sync_wait}): the load reads
 * on one node what another just wrote, as a host does that spreads requests over nodes.
 */
@Tag("galera")
class GaleraTwoNodesTest {

    @Test
    void appNodesOnGaleraNodesOneAndTwoKeepEveryInvariant() throws Exception {
        run(1, 2);
    }

    @Test
    void threeAppNodesOnThreeGaleraNodesKeepEveryInvariant() throws Exception {
        run(1, 2, 3);
    }

    private static void run(int... members) throws Exception {
        GaleraCluster cluster = GaleraNodes.cluster();
        GaleraNodes.clean();
        List<TestDatabase.Node> nodes = new ArrayList<>();
        List<TestDatabase.Node> checks = new ArrayList<>();
        try {
            List<JpaForumStore> stores = new ArrayList<>();
            for (int member : members) {
                // Causal sessions: the load reads on one node what another just wrote (the topic, a reply to delete).
                TestDatabase.Node node = GaleraNodes.open(member, TwoNodesTest.THREADS_PER_NODE + 2, true);
                nodes.add(node);
                stores.add(GaleraNodes.store(node.emf()));
            }
            for (int member = 1; member <= cluster.size(); member++) {
                checks.add(GaleraNodes.open(member, 1, true));
            }
            List<DataSource> checkPools = checks.stream().map(n -> (DataSource) n.pool()).toList();
            TwoNodesTest.assertInvariantsUnderLoad("Galera nodes " + Arrays.toString(members), stores,
                    checkPools);
        } finally {
            nodes.forEach(TestDatabase.Node::close);
            checks.forEach(TestDatabase.Node::close);
        }
    }
}
