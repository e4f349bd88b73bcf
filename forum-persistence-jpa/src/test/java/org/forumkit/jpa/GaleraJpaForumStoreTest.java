package org.forumkit.jpa;

import jakarta.persistence.EntityManagerFactory;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.tck.ForumStoreContract;
import org.junit.jupiter.api.Tag;

/**
 * The storage contract kit, unchanged, on a Galera cluster, each transaction on the next of nodes 1 and 2 in turn
 * (so consecutive commands of one test run on different database nodes, and its concurrent tests write through
 * both). The sessions read causally ({@code wsrep_sync_wait}), as a host that spreads one user's requests over
 * nodes must configure them.
 *
 * <p>Every kit test runs, {@code concurrentReports} too: a locking read ({@code SELECT … FOR UPDATE}) holds only on
 * its own node, so filing a report also writes the post's row (its open reporters, V13), which Galera certifies.
 */
@Tag("galera")
class GaleraJpaForumStoreTest extends ForumStoreContract {
    private static EntityManagerFactory emf;

    @Override
    protected ForumStore newStore() {
        GaleraNodes.clean();
        return GaleraNodes.store(alternatingFactory());
    }

    private static synchronized EntityManagerFactory alternatingFactory() {
        if (emf == null) {
            // Kept for the whole JVM, as TestDatabase keeps its shared factories.
            TestDatabase.Node one = GaleraNodes.open(1, 10, true);
            TestDatabase.Node two = GaleraNodes.open(2, 10, true);
            one.emf().close();
            two.emf().close();
            emf = TestDatabase.entityManagerFactory("mariadb", new Alternating(List.of(one.pool(), two.pool())), false);
        }
        return emf;
    }

    /** Hands out connections from its pools in turn. */
    private static final class Alternating implements DataSource {
        private final List<DataSource> pools;
        private final AtomicInteger next = new AtomicInteger();

        Alternating(List<DataSource> pools) {
            this.pools = pools;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return pools.get(Math.floorMod(next.getAndIncrement(), pools.size())).getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("the pools have their own credentials");
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
