package org.forumkit.jpa;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.forumkit.model.BoardId;
import org.forumkit.model.TopicId;

/**
 * A {@code DataSource} over the nodes of a multi-primary cluster (MariaDB Galera) that keeps each topic's writes on
 * one node, so a hot topic's writers take each other's row locks on that node instead of failing certification
 * against writers on the others. The host opens a route around a request that works on one topic; every connection
 * the thread takes inside it comes from that topic's node, retries included. Outside a route the nodes take turns.
 *
 * <pre>{@code
 * TopicRouting nodes = TopicRouting.over(List.of(node1Pool, node2Pool)); // the persistence unit's data source
 * try (TopicRouting.Route route = nodes.topic(topicId)) {
 *     forum.posts().reply(viewer, Reply.to(topicId, text));
 * }
 * }</pre>
 *
 * <p>A reply also moves its board's counters: replies to two topics of one board on two nodes still conflict on the
 * board's row. Route by {@link #board(BoardId)} where the board, not the topic, is what is written hot.
 */
public final class TopicRouting implements DataSource {
    private final List<DataSource> nodes;
    private final ThreadLocal<Integer> routed = new ThreadLocal<>();
    private final AtomicInteger next = new AtomicInteger();

    private TopicRouting(List<DataSource> nodes) {
        this.nodes = nodes;
    }

    /** Routing over {@code nodes}, one pool per cluster node, in a fixed order every app node shares. */
    public static TopicRouting over(List<? extends DataSource> nodes) {
        Objects.requireNonNull(nodes, "nodes");
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("nodes must not be empty");
        }
        nodes.forEach(node -> Objects.requireNonNull(node, "a node is null"));
        return new TopicRouting(List.copyOf(nodes));
    }

    /** Sends this thread's connections to {@code topic}'s node until the route is closed. */
    public Route topic(TopicId topic) {
        return key(Objects.requireNonNull(topic, "topic").value());
    }

    /** Sends this thread's connections to {@code board}'s node until the route is closed. */
    public Route board(BoardId board) {
        return key(Objects.requireNonNull(board, "board").value());
    }

    /** Sends this thread's connections to the node of {@code key} until the route is closed; routes nest. */
    public Route key(long key) {
        Route route = new Route(routed.get());
        routed.set(nodeOf(key));
        return route;
    }

    /**
     * The node (0-based, in the order given) of {@code key}: a mix of its bits, not {@code key % nodes}, because
     * Galera interleaves auto-increment values by node, so the ids made on one node all leave the same remainder.
     */
    public int nodeOf(long key) {
        long mixed = key * 0x9E37_79B9_7F4A_7C15L;
        return (int) Math.floorMod(mixed >>> 32, (long) nodes.size());
    }

    private DataSource current() {
        Integer node = routed.get();
        return nodes.get(node != null ? node : Math.floorMod(next.getAndIncrement(), nodes.size()));
    }

    @Override
    public Connection getConnection() throws SQLException {
        return current().getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return current().getConnection(username, password);
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
        throw new SQLFeatureNotSupportedException("the node pools log for themselves");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper of " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    /** A thread's route; closing it restores the route it was opened in (or none). */
    public final class Route implements AutoCloseable {
        private final Integer outer;

        private Route(Integer outer) {
            this.outer = outer;
        }

        @Override
        public void close() {
            if (outer == null) {
                routed.remove();
            } else {
                routed.set(outer);
            }
        }
    }
}
