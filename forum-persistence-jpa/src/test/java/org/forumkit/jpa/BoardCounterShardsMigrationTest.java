package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.forumkit.Forum;
import org.forumkit.model.AccessPolicy;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.TopicId;
import org.forumkit.model.Viewer;
import org.forumkit.model.VoteKind;
import org.forumkit.jpa.testing.TestServer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Migration V18 moves a board's counters and last post from its {@code fk_board} row into 16 shard rows: a database
 * at V17 with a board, two topics and their posts (one deleted) upgrades in order, and the board reads afterwards
 * with the counts and last post its row had; replies, deletes and restores then move them from there, a shard's own
 * count going below zero where a post counted in shard 0 is deleted in its topic's shard. A schema left at V18 on a
 * server whose V19 is its own (the hot writes' routines) is told so by the writes that call them.
 */
class BoardCounterShardsMigrationTest {
    private static final Instant AT = Instant.parse("2026-11-30T08:15:30.123456Z");
    private static final Viewer.Member ADMIN = Viewer.user("admin", "管理员", "admin");
    private static final Viewer.Member MOD = Viewer.user("mod", "版主", "moderator");

    @Nested
    @Tag("h2")
    class OnH2 extends Cases {
        OnH2() {
            super(TestDatabase.H2);
        }

        @Override
        DataSource database() {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:v17-upgrade;DB_CLOSE_DELAY=-1");
            return h2;
        }
    }

    @Nested
    @Tag("postgresql")
    class OnPostgreSql extends Cases {
        private static final String SCHEMA = "fk_v17_upgrade";

        OnPostgreSql() {
            super(TestDatabase.POSTGRESQL);
        }

        @Override
        DataSource database() throws SQLException {
            try (Connection c = TestDatabase.POSTGRESQL.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            }
            String url = TestDatabase.POSTGRESQL.jdbcUrl();
            return pool(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
        }

        @Override
        Flyway flyway(DataSource pool, MigrationVersion target) {
            return configure(pool, target).schemas(SCHEMA).load();
        }
    }

    @Nested
    @Tag("mariadb")
    class OnMariaDb extends Cases {
        OnMariaDb() {
            super(TestDatabase.MARIADB);
        }

        /** A database of its own next to the tests' one, named after it, made through the administrative login. */
        @Override
        DataSource database() throws SQLException {
            TestDatabase.MARIADB.require();
            String url = TestDatabase.MARIADB.jdbcUrl();
            int path = url.indexOf('/', "jdbc:mariadb://".length());
            int end = url.indexOf('?', path) < 0 ? url.length() : url.indexOf('?', path);
            String name = url.substring(path + 1, end) + "_v17";
            try (Connection c = TestServer.MARIADB.connectAsAdmin(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE IF NOT EXISTS `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
                for (String host : new String[] {"%", "localhost"}) {
                    s.execute("GRANT ALL PRIVILEGES ON `" + name + "`.* TO '" + TestDatabase.MARIADB.user() + "'@'"
                            + host + "'");
                }
            }
            return pool(url.substring(0, path + 1) + name + url.substring(end));
        }
    }

    /** The tests, run once per database by the nested classes above (one JUnit tag each). */
    abstract class Cases {
        final TestDatabase db;

        Cases(TestDatabase db) {
            this.db = db;
        }

        /** An empty database (or schema) of this test's own. */
        abstract DataSource database() throws SQLException;

        Flyway flyway(DataSource pool, MigrationVersion target) {
            return configure(pool, target).load();
        }

        @Test
        void aV17DatabaseUpgradesWithItsBoardCountsAndLastPostUnchanged() throws Exception {
            db.require();
            DataSource pool = database();
            try {
                Flyway v17 = flyway(pool, MigrationVersion.fromVersion("17"));
                v17.clean();
                v17.migrate();
                long[] ids = writeAtV17(pool);
                long board = ids[0];
                long lastPost = ids[1];
                long[] topics = {ids[2], ids[3]};
                try (Connection c = pool.getConnection()) {
                    assertThat(TwoNodesTest.longs(c, "SELECT topic_count FROM fk_board WHERE id = ?", board))
                            .containsExactly(2L);
                    assertThat(TwoNodesTest.longs(c, "SELECT post_count FROM fk_board WHERE id = ?", board))
                            .containsExactly(4L);
                }

                flyway(pool, MigrationVersion.LATEST).migrate();
                try (Connection c = pool.getConnection()) {
                    assertThat(TwoNodesTest.longs(c, "SELECT shard FROM fk_board_counter WHERE board_id = ?"
                            + " ORDER BY shard", board)).hasSize(16).startsWith(0L).endsWith(15L);
                    assertThat(TwoNodesTest.longs(c, "SELECT shard FROM fk_board_counter WHERE board_id = ?"
                            + " AND (topic_count <> 0 OR post_count <> 0 OR last_post_id IS NOT NULL)", board))
                            .containsExactly(0L);
                }
                EntityManagerFactory emf = TestDatabase.entityManagerFactory(db.dialect(), pool, false);
                try (Forum forum = Forum.builder().store(JpaForumStore.create(emf)).build()) {
                    Board upgraded = forum.boards().get(ADMIN, BoardId.of(board));
                    assertThat(upgraded.topicCount()).isEqualTo(2);
                    assertThat(upgraded.postCount()).isEqualTo(4);
                    assertThat(upgraded.lastPost().postId()).isEqualTo(PostId.of(lastPost));
                    assertThat(upgraded.lastPost().topicId()).isEqualTo(TopicId.of(topics[1]));
                    assertThat(upgraded.lastPost().floor()).isEqualTo(3);
                    assertThat(upgraded.lastPost().author().displayName()).isEqualTo("鲍勃");
                    assertThat(upgraded.lastPost().at()).isEqualTo(AT);

                    Post reply = forum.posts().reply(Viewer.user("carol", "卡罗尔"), Reply.to(TopicId.of(topics[0]), "三楼"));
                    Board replied = forum.boards().get(ADMIN, BoardId.of(board));
                    assertThat(replied.postCount()).isEqualTo(5);
                    assertThat(replied.lastPost().postId()).isEqualTo(reply.id());
                    // the post counted in shard 0 by the migration, uncounted in its topic's shard
                    forum.posts().delete(MOD, PostId.of(lastPost));
                    assertThat(forum.boards().get(ADMIN, BoardId.of(board)).postCount()).isEqualTo(4);
                    forum.posts().restore(MOD, PostId.of(lastPost));
                    assertThat(forum.boards().get(ADMIN, BoardId.of(board)).postCount()).isEqualTo(5);
                    forum.posts().delete(MOD, PostId.of(lastPost));
                    assertThat(forum.boards().get(ADMIN, BoardId.of(board)).topicCount()).isEqualTo(2);
                    assertThat(forum.boards().get(ADMIN, BoardId.of(board)).postCount()).isEqualTo(4);
                } finally {
                    emf.close();
                }
            } finally {
                if (pool instanceof HikariDataSource hikari) {
                    hikari.close();
                }
            }
        }

        /**
         * A schema migrated without its server's own folder (V19's routines) answers a vote (and on MariaDB a reply)
         * with a clear error naming the migration and the locations, instead of a driver's "does not exist", and
         * writes nothing; migrated, the same store works. H2 has no version 19 and lacks nothing.
         */
        @Test
        void aSchemaWithoutItsServersRoutinesSaysWhichMigrationItLacks() throws Exception {
            db.require();
            DataSource pool = database();
            try {
                Flyway v18 = flyway(pool, MigrationVersion.fromVersion("18"));
                v18.clean();
                v18.migrate();
                EntityManagerFactory emf = TestDatabase.entityManagerFactory(db.dialect(), pool, false);
                try (Forum forum = Forum.builder().store(JpaForumStore.create(emf)).build()) {
                    Board category = forum.boards().create(ADMIN, CreateBoard.category("c", "分类"));
                    Board board = forum.boards().create(ADMIN, CreateBoard.board(category.id(), "b", "版块"));
                    Topic topic = forum.topics().start(ADMIN, StartTopic.of(board.id(), "主题", "一楼"));
                    Post opening = forum.topics().page(ADMIN, topic.id(), TopicPageRequest.first(1)).posts().get(0);
                    Viewer.Member carol = Viewer.user("carol", "卡罗尔");
                    if (db != TestDatabase.H2) {
                        // a vote on both servers, and on MariaDB a reply, call a routine of V19
                        assertThatThrownBy(() -> forum.votes().cast(carol, opening.id(), VoteKind.SUPPORT))
                                .isInstanceOf(IllegalStateException.class)
                                .hasMessageContaining("migration V19")
                                .hasMessageContaining("db/forumkit/" + db.dialect());
                        if (db == TestDatabase.MARIADB) {
                            assertThatThrownBy(() -> forum.posts().reply(carol, Reply.to(topic.id(), "二楼")))
                                    .isInstanceOf(IllegalStateException.class)
                                    .hasMessageContaining("migration V19");
                        }
                        flyway(pool, MigrationVersion.LATEST).migrate();
                    }
                    assertThat(forum.posts().reply(carol, Reply.to(topic.id(), "二楼")).floor()).isEqualTo(2);
                    assertThat(forum.votes().cast(carol, opening.id(), VoteKind.SUPPORT).support()).isEqualTo(1);
                } finally {
                    emf.close();
                }
            } finally {
                if (pool instanceof HikariDataSource hikari) {
                    hikari.close();
                }
            }
        }

        /**
         * A board at V17: two topics, 5 posts of which 4 visible (topic 2's floor 2 deleted), counted in its row,
         * the last post topic 2's floor 3. Returns the board's id, the last post's and the two topics'.
         */
        private long[] writeAtV17(DataSource pool) throws SQLException {
            try (Connection c = pool.getConnection()) {
                long board = insert(c, "INSERT INTO fk_board (parent_id, kind, slug, name, description, position,"
                        + " moderators, topic_types, access_policy, moderation, topic_count, post_count)"
                        + " VALUES (NULL, 'BOARD', 'old', '旧版块', '', 0, ?, ?, ?, '{}', 2, 4)",
                        JsonText.userIds(Set.of()), JsonText.strings(List.of()), JsonText.policy(AccessPolicy.DEFAULT));
                long t1 = topic(c, board, "第一个", 2, 1);
                long t2 = topic(c, board, "第二个", 3, 1);
                post(c, t1, 1, "VISIBLE");
                post(c, t1, 2, "VISIBLE");
                post(c, t2, 1, "VISIBLE");
                post(c, t2, 2, "DELETED");
                long last = post(c, t2, 3, "VISIBLE");
                try (PreparedStatement s = c.prepareStatement("UPDATE fk_board SET last_topic_id = ?, last_post_id = ?,"
                        + " last_post_floor = 3, last_post_author_id = 'bob', last_post_author_name = '鲍勃',"
                        + " last_post_at = ? WHERE id = ?")) {
                    s.setLong(1, t2);
                    s.setLong(2, last);
                    s.setObject(3, at());
                    s.setLong(4, board);
                    s.executeUpdate();
                }
                return new long[] {board, last, t1, t2};
            }
        }

        private long topic(Connection c, long board, String title, int highestFloor, int replies) throws SQLException {
            return insert(c, "INSERT INTO fk_topic (board_id, title, author_id, author_name, created_at, highest_floor,"
                    + " replies, last_post_at, last_post_by_id, last_post_by_name)"
                    + " VALUES (?, ?, 'alice', '爱丽丝', ?, ?, ?, ?, 'bob', '鲍勃')",
                    board, title, at(), highestFloor, replies, at());
        }

        private long post(Connection c, long topic, int floor, String state) throws SQLException {
            return insert(c, "INSERT INTO fk_post (topic_id, floor, author_id, author_name, created_at, body, format,"
                    + " html, renderer, state) VALUES (?, ?, 'bob', '鲍勃', ?, '楼', 'PLAIN', '<p>楼</p>', 'plain', ?)",
                    topic, floor, at(), state);
        }

        private Object at() {
            return db == TestDatabase.MARIADB ? LocalDateTime.ofInstant(AT, ZoneOffset.UTC) : AT.atOffset(ZoneOffset.UTC);
        }

        private long insert(Connection c, String sql, Object... values) throws SQLException {
            try (PreparedStatement s = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
                for (int i = 0; i < values.length; i++) {
                    s.setObject(i + 1, values[i]);
                }
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration configure(DataSource pool,
            MigrationVersion target) {
        JpaForumStore.Migrations migrations = JpaForumStore.migrations(dialectOf(pool));
        return Flyway.configure().dataSource(pool)
                .locations(migrations.locations().toArray(String[]::new))
                .placeholders(migrations.placeholders())
                .table("fk_schema_history").target(target).cleanDisabled(false);
    }

    private static String dialectOf(DataSource pool) {
        try (Connection c = pool.getConnection()) {
            String url = c.getMetaData().getURL();
            return url.startsWith("jdbc:postgresql:") ? "postgresql" : url.startsWith("jdbc:mariadb:") ? "mariadb" : "h2";
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        TestDatabase db = url.startsWith("jdbc:postgresql:") ? TestDatabase.POSTGRESQL : TestDatabase.MARIADB;
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(4);
        TestDatabase.idleAway(config);
        return new HikariDataSource(config);
    }
}
