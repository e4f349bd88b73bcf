package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The README's Flyway snippet installs the forum's tables next to a host's own, under a history table of their own. */
class MigrationsTest {

    @Test
    void readmeSnippetMigratesASchemaThatAlreadyHoldsHostTables() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:host-app;DB_CLOSE_DELAY=-1");
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:host-app;DB_CLOSE_DELAY=-1");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(100))");

            Flyway.configure().dataSource(dataSource)
                    .locations("classpath:" + JpaForumStore.migrationLocation("h2"))
                    .table("fk_schema_history").baselineOnMigrate(true).baselineVersion("0")
                    .load().migrate();

            try (ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_SCHEMA = 'PUBLIC' AND UPPER(TABLE_NAME) LIKE 'FK\\_%' ESCAPE '\\'")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(13); // twelve forum tables and the history
            }
        }
        assertThatThrownBy(() -> JpaForumStore.migrationLocation("oracle")).isInstanceOf(IllegalArgumentException.class);
    }
}
