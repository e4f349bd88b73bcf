package org.forumkit.jpa;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.forumkit.jpa.testing.GaleraCluster;
import org.forumkit.jpa.testing.TestServer;

/**
 * App nodes on the members of the {@link GaleraCluster}: a pool and an entity manager factory on one member each,
 * the schema migrated once through member 1 (Galera replicates DDL to every node), and JPA stores with the retry
 * budget a multi-primary cluster needs.
 */
final class GaleraNodes {
    /**
     * A session setting for causal reads: every statement first waits until this node applied what the cluster
     * committed before it began, so a user reads their own write on any node.
     */
    static final String CAUSAL = "sessionVariables=wsrep_sync_wait=15";

    private static boolean migrated;

    private GaleraNodes() {
    }

    /** The cluster with the schema migrated from scratch (once per JVM); skips or fails as the cluster does. */
    static synchronized GaleraCluster cluster() {
        GaleraCluster cluster = GaleraCluster.require();
        if (!migrated) {
            try (HikariDataSource pool = pool(cluster.member(1), 2, false)) {
                TestDatabase.migrateFromScratch(pool, "mariadb");
            }
            migrated = true;
        }
        return cluster;
    }

    /** Empties the forum tables on every node (TRUNCATE is replicated in total order). */
    static void clean() {
        try (HikariDataSource pool = pool(cluster().member(1), 1, false);
                Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            TestDatabase.truncateOnMariaDb(s);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An app node on member {@code member} (1-based); with {@code causal} its sessions wait for causality. */
    static TestDatabase.Node open(int member, int connections, boolean causal) {
        HikariDataSource pool = pool(cluster().member(member), connections, causal);
        return new TestDatabase.Node(pool, TestDatabase.entityManagerFactory("mariadb", pool, false));
    }

    /** A store on {@code emf} with room for Galera's retries: many attempts, short pauses. */
    static JpaForumStore store(EntityManagerFactory emf) {
        return JpaForumStore.builder(JpaTransactions.resourceLocal(emf))
                .maxAttempts(200)
                .backoff(Duration.ofMillis(2))
                .maxBackoff(Duration.ofMillis(50))
                .build();
    }

    static HikariDataSource pool(TestServer member, int connections, boolean causal) {
        member.require();
        HikariConfig config = new HikariConfig();
        String url = member.url();
        config.setJdbcUrl(causal ? url + (url.contains("?") ? "&" : "?") + CAUSAL : url);
        config.setUsername(member.user());
        config.setPassword(member.password());
        config.setMaximumPoolSize(connections);
        TestDatabase.idleAway(config);
        return new HikariDataSource(config);
    }
}
