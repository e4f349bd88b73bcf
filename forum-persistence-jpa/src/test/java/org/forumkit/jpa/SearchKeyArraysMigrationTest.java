package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ForumFixtures.BOB;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.forumkit.Forum;
import org.forumkit.ForumSettings;
import org.forumkit.model.Board;
import org.forumkit.model.PageRequest;
import org.forumkit.model.SearchOrder;
import org.forumkit.model.SearchQuery;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.Viewer;
import org.forumkit.tck.ForumFixtures;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Migration V14 converts PostgreSQL's term table into {@code fk_search_doc} in SQL: a database at V13 whose posts
 * were indexed by the term table (the rows copied from an H2 forum, whose analysis wrote them) answers every query
 * after the migration with the same hits in the same order (so the same scores) as before, titles-only included.
 */
@Tag("postgresql")
class SearchKeyArraysMigrationTest {
    private static final String SCHEMA = "fk_v13_migration";
    private static final List<String> COPIED = List.of("fk_board", "fk_topic", "fk_post", "fk_search_term");
    private static final List<SearchQuery> QUERIES = List.of(SearchQuery.of("中文"), SearchQuery.of("吗"),
            SearchQuery.of("支持中文"), SearchQuery.of("社会工作"), SearchQuery.of("forum"), SearchQuery.of("FORUM utf"),
            SearchQuery.of("论坛").withTitlesOnly(true), SearchQuery.of("论坛"), SearchQuery.of("\"服务保障\" 民政"),
            SearchQuery.of("社会").withOrder(SearchOrder.NEWEST), SearchQuery.of("工作"));
    private final AtomicInteger searchers = new AtomicInteger();

    @Test
    void v13TermsConvertedInSqlKeepEveryHit() throws Exception {
        TestDatabase.POSTGRESQL.require();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:v13-source;DB_CLOSE_DELAY=-1");
        TestDatabase.migrateFromScratch(h2, "h2");
        EntityManagerFactory sourceEmf = TestDatabase.entityManagerFactory("h2", h2, false);
        Map<SearchQuery, List<Long>> before = new LinkedHashMap<>();
        try (Forum forum = forum(JpaForumStore.create(sourceEmf))) {
            write(forum);
            for (SearchQuery query : QUERIES) {
                before.put(query, hits(forum, query));
            }
        } finally {
            sourceEmf.close();
        }
        assertThat(before.values()).allSatisfy(hits -> assertThat(hits).isNotEmpty());

        try (HikariDataSource pg = schemaPool()) {
            Flyway flyway = flyway(pg, MigrationVersion.fromVersion("13"));
            flyway.clean();
            flyway.migrate();
            copy(h2, pg);
            flyway(pg, MigrationVersion.LATEST).migrate();
            assertThat(scalar(pg, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + SCHEMA
                    + "' AND table_name = 'fk_search_term'")).isZero();
            assertThat(scalar(pg, "SELECT COUNT(*) FROM fk_search_doc"))
                    .isEqualTo(scalar(h2, "SELECT COUNT(DISTINCT post_id) FROM fk_search_term"));
            EntityManagerFactory emf = TestDatabase.entityManagerFactory("postgresql", pg, false);
            try (Forum forum = forum(JpaForumStore.create(emf))) {
                for (SearchQuery query : QUERIES) {
                    assertThat(hits(forum, query)).as(query.text()).isEqualTo(before.get(query));
                }
            } finally {
                emf.close();
            }
        }
    }

    private static Forum forum(JpaForumStore store) {
        return Forum.builder().store(store).settings(ForumSettings.defaults()).build();
    }

    /** Titles and bodies in Chinese, English and both, terms repeated (weights above 1), several topics. */
    private static void write(Forum forum) {
        ForumFixtures given = new ForumFixtures(forum);
        Board board = given.board();
        Topic topic = forum.topics().start(ALICE, StartTopic.of(board.id(), "论坛支持中文吗", "社会工作专业人才队伍建设"));
        given.reply(topic, BOB, "请问这个论坛支持中文吗？支持，支持，当然支持中文。");
        given.reply(topic, BOB, "Does the Forum support ＵＴＦ-8 text? forum, FORUM.");
        given.reply(topic, ALICE, "强化高水平崛起的民政服务保障，社会工作 forum 社会工作");
        Topic other = forum.topics().start(BOB, StartTopic.of(board.id(), "民政服务保障", "社会组织和社会工作的论坛"));
        given.reply(other, ALICE, "工作、工作、再工作：社会在变");
        given.reply(other, BOB, "utf forum 中文 社会");
    }

    private List<Long> hits(Forum forum, SearchQuery query) {
        Viewer viewer = Viewer.user("searcher-" + searchers.incrementAndGet(), "读者");
        return forum.search().find(viewer, query, PageRequest.first(20)).items().stream()
                .map(hit -> hit.postId().value()).toList();
    }

    private static HikariDataSource schemaPool() throws SQLException {
        try (Connection c = TestDatabase.POSTGRESQL.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
        }
        HikariConfig config = new HikariConfig();
        String url = TestDatabase.POSTGRESQL.jdbcUrl();
        config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
        config.setUsername(TestDatabase.POSTGRESQL.user());
        config.setPassword(TestDatabase.POSTGRESQL.password());
        config.setMaximumPoolSize(4);
        TestDatabase.idleAway(config);
        return new HikariDataSource(config);
    }

    private static Flyway flyway(DataSource pool, MigrationVersion target) {
        JpaForumStore.Migrations migrations = JpaForumStore.migrations("postgresql");
        return Flyway.configure().dataSource(pool).schemas(SCHEMA)
                .locations(migrations.locations().toArray(String[]::new))
                .placeholders(migrations.placeholders())
                .table("fk_schema_history").target(target).cleanDisabled(false).load();
    }

    /** The forum's rows as H2 holds them, column by column, parents first. */
    private static void copy(DataSource from, DataSource to) throws SQLException {
        try (Connection source = from.getConnection(); Connection target = to.getConnection()) {
            for (String table : COPIED) {
                try (Statement s = source.createStatement(); ResultSet rows = s.executeQuery("SELECT * FROM " + table)) {
                    ResultSetMetaData meta = rows.getMetaData();
                    List<String> columns = new ArrayList<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        columns.add(meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT));
                    }
                    String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                            + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
                    try (PreparedStatement insert = target.prepareStatement(sql)) {
                        while (rows.next()) {
                            for (int i = 1; i <= columns.size(); i++) {
                                insert.setObject(i, rows.getObject(i));
                            }
                            insert.addBatch();
                        }
                        insert.executeBatch();
                    }
                }
            }
        }
    }

    private static long scalar(DataSource pool, String sql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
