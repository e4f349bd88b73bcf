package org.forumkit.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;
import jakarta.persistence.PersistenceUnitTransactionType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.forumkit.jpa.JpaForumStore;

/**
 * How a host wires the JPA store: a connection pool, the shipped migrations run by Flyway (history table
 * {@code fk_schema_history}), Hibernate validating its mapping against that schema, and {@link JpaForumStore} on
 * the entity manager factory. Each {@code Database} is one app node.
 */
public final class Database implements AutoCloseable {
    private final String dialect;
    private final HikariDataSource pool;
    private final EntityManagerFactory emf;
    private final JpaForumStore store;

    private Database(String dialect, HikariDataSource pool, EntityManagerFactory emf, JpaForumStore store) {
        this.dialect = dialect;
        this.pool = pool;
        this.emf = emf;
        this.store = store;
    }

    /** {@code postgresql}, {@code mariadb} or {@code h2}, from the JDBC URL. */
    public static String dialectOf(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return "postgresql";
        }
        if (jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:")) {
            return "mariadb";
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return "h2";
        }
        throw new IllegalArgumentException("unsupported JDBC URL '" + jdbcUrl
                + "': use jdbc:postgresql:, jdbc:mariadb: (or jdbc:mysql:) or jdbc:h2:");
    }

    /** Opens a node on the database, migrating its schema to the newest version first. */
    public static Database open(String url, String user, String password, int connections) {
        return open(url, user, password, connections, UnaryOperator.identity());
    }

    /**
     * A Hibernate entity manager factory on {@code dataSource} for the forum's entities, validating them against the
     * schema (migrated already), with the statement counter; for hosts that wire a data source of their own (a
     * {@code TopicRouting} over cluster nodes, a replica's pool).
     */
    public static EntityManagerFactory entityManagerFactory(DataSource dataSource) {
        return new PersistenceConfiguration("forumkit")
                .provider("org.hibernate.jpa.HibernatePersistenceProvider")
                .transactionType(PersistenceUnitTransactionType.RESOURCE_LOCAL)
                .mappingFile(JpaForumStore.MAPPING_FILE)
                // Counted at the JDBC interface: the store's own JDBC reads (its topic page) count too.
                .property("hibernate.connection.datasource", SqlCounter.INSTANCE.wrap(dataSource))
                .property("hibernate.hbm2ddl.auto", "validate")
                .createEntityManagerFactory();
    }

    /** As {@link #open(String, String, String, int)}, Hibernate's connections coming through {@code wrap} (the benchmark's counters). */
    public static Database open(String url, String user, String password, int connections,
            UnaryOperator<DataSource> wrap) {
        String dialect = dialectOf(url);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(connections);
        config.setPoolName("forumkit-" + dialect);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            JpaForumStore.Migrations migrations = JpaForumStore.migrations(dialect);
            Flyway.configure()
                    .dataSource(pool)
                    .locations(migrations.locations().toArray(String[]::new))
                    .placeholders(migrations.placeholders())
                    .table("fk_schema_history")
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
            EntityManagerFactory emf = entityManagerFactory(wrap.apply(pool));
            return new Database(dialect, pool, emf, JpaForumStore.create(emf));
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    public String dialect() {
        return dialect;
    }

    public JpaForumStore store() {
        return store;
    }

    public HikariDataSource dataSource() {
        return pool;
    }

    /** Refreshes the planner's statistics after a bulk load, as autovacuum or a DBA would in production. */
    public void analyze() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            switch (dialect) {
                case "postgresql" -> s.execute("ANALYZE");
                case "mariadb" -> s.execute("ANALYZE TABLE fk_board, fk_board_counter, fk_topic, fk_post, fk_quote, fk_vote, fk_search_term");
                default -> s.execute("ANALYZE");
            }
        }
    }

    /** Empties every forum table ({@code fk_…}, not the migration history) and restarts ids (benchmarks, tests). */
    public void truncate() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String table = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (table.startsWith("fk_") && !table.equals("fk_schema_history")) {
                        tables.add(table);
                    }
                }
            }
            if (tables.isEmpty()) {
                return;
            }
            switch (dialect) {
                case "postgresql" -> s.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
                case "mariadb" -> {
                    s.execute("SET FOREIGN_KEY_CHECKS = 0");
                    for (String table : tables) {
                        s.execute("TRUNCATE TABLE " + table);
                    }
                    s.execute("SET FOREIGN_KEY_CHECKS = 1");
                }
                default -> {
                    s.execute("SET REFERENTIAL_INTEGRITY FALSE");
                    for (String table : tables) {
                        s.execute("TRUNCATE TABLE " + table + " RESTART IDENTITY");
                    }
                    s.execute("SET REFERENTIAL_INTEGRITY TRUE");
                }
            }
        }
    }

    @Override
    public void close() {
        emf.close();
        pool.close();
    }
}
