package org.forumkit.jpa.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Ends server connections the way an administrator or a failover does, for the fault tests: PostgreSQL
 * {@code pg_terminate_backend}, MariaDB {@code KILL}, always through a connection of the test's own ({@code killer})
 * and only to its own database (the servers are shared).
 */
public final class Backends {
    private Backends() {
    }

    /** What {@link #terminateOthersWhile} did: how many killing rounds it ran and how many connections they ended. */
    public record Rounds(int rounds, int ended) {
    }

    /**
     * Every 0.2–0.6 s (the same pseudo-random pauses on every run) while {@code go} holds, terminates every other
     * connection to {@code killer}'s database.
     */
    public static Rounds terminateOthersWhile(Connection killer, BooleanSupplier go)
            throws SQLException, InterruptedException {
        Random random = new Random(19);
        int rounds = 0;
        int ended = 0;
        while (go.getAsBoolean()) {
            Thread.sleep(200 + random.nextInt(400));
            ended += terminateOthers(killer);
            rounds++;
        }
        return new Rounds(rounds, ended);
    }

    /** Terminates every other connection to {@code killer}'s database; returns how many it ended. */
    public static int terminateOthers(Connection killer) throws SQLException {
        if (postgresql(killer)) {
            try (Statement s = killer.createStatement(); ResultSet rows = s.executeQuery(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                            + " WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
                rows.next();
                return rows.getInt(1);
            }
        }
        List<Long> ids = new ArrayList<>();
        try (Statement s = killer.createStatement(); ResultSet rows = s.executeQuery(
                "SELECT id FROM information_schema.processlist WHERE db = DATABASE() AND id <> CONNECTION_ID()")) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        int killed = 0;
        for (long id : ids) {
            try (Statement s = killer.createStatement()) {
                s.execute("KILL " + id);
                killed++;
            } catch (SQLException gone) {
                // ended between the listing and the KILL
            }
        }
        return killed;
    }

    /** The server's id of {@code connection}: PostgreSQL's backend pid, MariaDB's connection id. */
    public static long id(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery(
                postgresql(connection) ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * Ends the server connection {@code id} (see {@link #id}) and waits, at most 10 s, until the server has let it
     * go, so that the next statement sent on it fails for certain.
     */
    public static void terminate(Connection killer, long id) throws SQLException, InterruptedException {
        boolean postgresql = postgresql(killer);
        try (Statement s = killer.createStatement()) {
            s.execute(postgresql ? "SELECT pg_terminate_backend(" + id + ")" : "KILL " + id);
        }
        String alive = postgresql ? "SELECT count(*) FROM pg_stat_activity WHERE pid = ?"
                : "SELECT count(*) FROM information_schema.processlist WHERE id = ?";
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (PreparedStatement s = killer.prepareStatement(alive)) {
            s.setLong(1, id);
            while (true) {
                try (ResultSet rows = s.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) == 0) {
                        return;
                    }
                }
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("connection " + id + " still there 10 s after it was ended");
                }
                Thread.sleep(10);
            }
        }
    }

    private static boolean postgresql(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
    }
}
