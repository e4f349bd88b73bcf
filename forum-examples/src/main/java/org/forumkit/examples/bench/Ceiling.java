package org.forumkit.examples.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The database's own ceiling for the two hot paths, in plain JDBC at its best on the forum's schema: allocate
 * the floor with one statement under the topic row's lock ({@code UPDATE … RETURNING} on PostgreSQL,
 * {@code LAST_INSERT_ID(expr)} on MariaDB) and insert the post; for a vote, one atomic counter update and an
 * upsert of the vote row. Each thread is one voter that knows its own last vote, so it needs no read.
 */
final class Ceiling {
    private final DataSource dataSource;
    private final String dialect;

    Ceiling(DataSource dataSource, String dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    @FunctionalInterface
    private interface Op {
        void run(Connection c, int thread, int op) throws SQLException;
    }

    LoadDriver.Load replies(long topicId, int threads, int perThread) throws Exception {
        return run(threads, perThread, (c, thread, op) -> {
            int floor;
            Timestamp now = Timestamp.from(Instant.now());
            String author = "jdbc-" + thread;
            switch (dialect) {
                case "postgresql" -> {
                    try (PreparedStatement s = c.prepareStatement("UPDATE fk_topic SET highest_floor = highest_floor + 1,"
                            + " replies = replies + 1, last_post_at = ?, last_post_by_id = ?, last_post_by_name = ?"
                            + " WHERE id = ? RETURNING highest_floor")) {
                        bindTopic(s, now, author, topicId);
                        try (ResultSet r = s.executeQuery()) {
                            r.next();
                            floor = r.getInt(1);
                        }
                    }
                }
                case "mariadb" -> {
                    try (PreparedStatement s = c.prepareStatement("UPDATE fk_topic SET highest_floor ="
                            + " LAST_INSERT_ID(highest_floor + 1), replies = replies + 1, last_post_at = ?,"
                            + " last_post_by_id = ?, last_post_by_name = ? WHERE id = ?")) {
                        bindTopic(s, now, author, topicId);
                        s.executeUpdate();
                    }
                    floor = single(c, "SELECT LAST_INSERT_ID()");
                }
                default -> {
                    try (PreparedStatement s = c.prepareStatement("UPDATE fk_topic SET highest_floor = highest_floor + 1,"
                            + " replies = replies + 1, last_post_at = ?, last_post_by_id = ?, last_post_by_name = ?"
                            + " WHERE id = ?")) {
                        bindTopic(s, now, author, topicId);
                        s.executeUpdate();
                    }
                    floor = single(c, "SELECT highest_floor FROM fk_topic WHERE id = " + topicId);
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO fk_post (topic_id, floor, author_id, author_name,"
                    + " created_at, revision, body, format, html, renderer, state, support, oppose)"
                    + " VALUES (?, ?, ?, ?, ?, 1, ?, 'PLAIN', ?, 'plain/jdbc', 'VISIBLE', 0, 0)")) {
                s.setLong(1, topicId);
                s.setInt(2, floor);
                s.setString(3, author);
                s.setString(4, author);
                s.setTimestamp(5, now);
                s.setString(6, "回复 " + op);
                s.setString(7, "<p>回复 " + op + "</p>");
                s.executeUpdate();
            }
        });
    }

    LoadDriver.Load votes(long postId, int threads, int perThread) throws Exception {
        return run(threads, perThread, (c, thread, op) -> {
            String voter = "jdbc-voter-" + thread;
            // the thread's own vote cycles SUPPORT -> OPPOSE -> none, so it knows the deltas without reading
            int support = switch (op % 3) { case 0 -> 1; case 1 -> -1; default -> 0; };
            int oppose = switch (op % 3) { case 0 -> 0; case 1 -> 1; default -> -1; };
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE fk_post SET support = support + ?, oppose = oppose + ? WHERE id = ?")) {
                s.setInt(1, support);
                s.setInt(2, oppose);
                s.setLong(3, postId);
                s.executeUpdate();
            }
            String kind = op % 3 == 0 ? "SUPPORT" : "OPPOSE";
            String sql = op % 3 == 2 ? "DELETE FROM fk_vote WHERE post_id = ? AND voter = ?" : switch (dialect) {
                case "postgresql" -> "INSERT INTO fk_vote (post_id, voter, kind) VALUES (?, ?, ?)"
                        + " ON CONFLICT (post_id, voter) DO UPDATE SET kind = EXCLUDED.kind";
                case "mariadb" -> "INSERT INTO fk_vote (post_id, voter, kind) VALUES (?, ?, ?)"
                        + " ON DUPLICATE KEY UPDATE kind = VALUES(kind)";
                default -> "MERGE INTO fk_vote (post_id, voter, kind) KEY (post_id, voter) VALUES (?, ?, ?)";
            };
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setLong(1, postId);
                s.setString(2, voter);
                if (op % 3 != 2) {
                    s.setString(3, kind);
                }
                s.executeUpdate();
            }
        });
    }

    private static void bindTopic(PreparedStatement s, Timestamp now, String author, long topicId) throws SQLException {
        s.setTimestamp(1, now);
        s.setString(2, author);
        s.setString(3, author);
        s.setLong(4, topicId);
    }

    private static int single(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }

    /** Each thread holds one connection in a transaction per operation; a failed one is rolled back and counted. */
    private LoadDriver.Load run(int threads, int perThread, Op op) throws Exception {
        return LoadDriver.run(threads, perThread, thread -> {
            Connection c = dataSource.getConnection();
            c.setAutoCommit(false);
            return new LoadDriver.Worker() {
                @Override
                public void run(int i) throws SQLException {
                    try {
                        op.run(c, thread, i);
                        c.commit();
                    } catch (SQLException e) {
                        c.rollback();
                        throw e;
                    }
                }

                @Override
                public void close() throws SQLException {
                    c.setAutoCommit(true);
                    c.close();
                }
            };
        });
    }
}
