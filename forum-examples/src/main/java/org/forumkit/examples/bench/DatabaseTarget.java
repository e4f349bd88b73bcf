package org.forumkit.examples.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.forumkit.examples.Database;
import org.forumkit.examples.SqlCounter;
import org.forumkit.spi.store.ForumStore;

/** A database with two app nodes on it, each its own connection pool, entity manager factory and store. */
final class DatabaseTarget implements Target {
    private final String name;
    private final Database[] nodes = new Database[2];
    private final String url;

    private final boolean counted;

    private DatabaseTarget(String name, String url, String user, String password, boolean counted) {
        this.name = name;
        this.url = url.startsWith("jdbc:h2:mem:") ? null : url;
        this.counted = counted;
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = Database.open(url, user, password, 10,
                    counted ? RoundTrips.INSTANCE::wrap : java.util.function.UnaryOperator.identity());
        }
    }

    /**
     * The target, or empty when the database cannot be reached; {@code counted}: its connections (the store's and
     * the ceiling's) go through {@link RoundTrips}, as the profile wants.
     */
    static Optional<Target> open(String name, String url, String user, String password, boolean counted) {
        try (Connection ignored = DriverManager.getConnection(url, user, password)) {
            return Optional.of(new DatabaseTarget(name, url, user, password, counted));
        } catch (SQLException e) {
            System.out.println(name + ": not reachable at " + url + " (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void reset() throws SQLException {
        nodes[0].truncate();
    }

    @Override
    public void analyze() throws SQLException {
        nodes[0].analyze();
    }

    @Override
    public ForumStore node(int node) {
        return nodes[node].store();
    }

    @Override
    public long statements() {
        return SqlCounter.INSTANCE.count();
    }

    @Override
    public void resetStatements() {
        SqlCounter.INSTANCE.reset();
    }

    @Override
    public Optional<DataSource> jdbc() {
        return Optional.of(counted ? RoundTrips.INSTANCE.wrap(nodes[0].dataSource()) : nodes[0].dataSource());
    }

    /** The JDBC URL another process can open too; {@code null} for an in-memory database. */
    String url() {
        return url;
    }

    String dialect() {
        return nodes[0].dialect();
    }

    @Override
    public long retries() {
        return nodes[0].store().retries() + nodes[1].store().retries();
    }

    @Override
    public void close() {
        for (Database node : nodes) {
            node.close();
        }
    }
}
