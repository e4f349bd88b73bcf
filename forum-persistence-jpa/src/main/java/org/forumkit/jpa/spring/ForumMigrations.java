package org.forumkit.jpa.spring;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.forumkit.jpa.JpaForumStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Runs the forum's shipped migrations on the host's {@link DataSource} at startup, with the host's Flyway and a history
 * table of their own (so the host's own Flyway history is untouched), before any entity manager factory starts.
 */
public final class ForumMigrations implements InitializingBean {
    private static final Logger LOG = LoggerFactory.getLogger(ForumMigrations.class);

    private final DataSource dataSource;
    private final String dialect;
    private final String table;

    ForumMigrations(DataSource dataSource, String dialect, String table) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = dialect == null || dialect.isBlank() ? dialectOf(dataSource) : dialect;
        this.table = Objects.requireNonNull(table, "table");
    }

    /** The dialect whose migrations run: {@code postgresql}, {@code mariadb} or {@code h2}. */
    public String dialect() {
        return dialect;
    }

    @Override
    public void afterPropertiesSet() {
        JpaForumStore.Migrations migrations = JpaForumStore.migrations(dialect);
        int applied = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations(migrations.locations().toArray(String[]::new))
                .placeholders(migrations.placeholders())
                .table(table)
                // The host's tables may already be in the schema; the forum's history starts empty beside them.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate()
                .migrationsExecuted;
        if (applied > 0) {
            LOG.info("Forumkit schema ({}, history table {}): {} migration(s) applied", dialect, table, applied);
        }
    }

    /** The migrations' dialect for the database behind {@code dataSource}. */
    static String dialectOf(DataSource dataSource) {
        String product;
        try (Connection c = dataSource.getConnection()) {
            product = c.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database the forum's migrations are for", e);
        }
        String name = product.toLowerCase(Locale.ROOT);
        if (name.contains("postgresql")) {
            return "postgresql";
        }
        if (name.contains("mariadb") || name.contains("mysql")) {
            return "mariadb";
        }
        if (name.equals("h2")) {
            return "h2";
        }
        throw new IllegalStateException("Forumkit ships no migrations for " + product
                + "; set forumkit.migrations.dialect, or forumkit.migrations.enabled=false and create the schema by hand");
    }
}
