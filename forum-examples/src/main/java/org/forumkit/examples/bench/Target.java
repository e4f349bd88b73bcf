package org.forumkit.examples.bench;

import java.util.Optional;
import javax.sql.DataSource;
import org.forumkit.spi.store.ForumStore;

/** Where a benchmark runs: the in-memory store or a database, with up to two app nodes on it. */
interface Target extends AutoCloseable {

    String name();

    /** Empties the forum's data. */
    void reset() throws Exception;

    /** Refreshes the database's statistics after a bulk load. */
    default void analyze() throws Exception {
    }

    /** A store for app node {@code node} (0 or 1); database targets give each node its own connection pool. */
    ForumStore node(int node);

    /** SQL statements run by the current thread since the last {@link #resetStatements()}; -1 without SQL. */
    default long statements() {
        return -1;
    }

    default void resetStatements() {
    }

    /** Plain JDBC on the same schema, for the ceiling measurements; empty for the in-memory store. */
    default Optional<DataSource> jdbc() {
        return Optional.empty();
    }

    /** Retries the store made after serialization failures and deadlocks, if it counts them. */
    default long retries() {
        return -1;
    }

    @Override
    default void close() throws Exception {
    }
}
