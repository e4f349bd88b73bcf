package org.forumkit.jpa;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceConfiguration;
import jakarta.persistence.PersistenceUnitTransactionType;
import jakarta.persistence.ValidationMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.forumkit.jpa.testing.TestServer;

/**
 * The databases the tests run on: H2 in memory, and the PostgreSQL and MariaDB {@link TestServer}s (which create
 * their test database and user on first use; see there for the {@code FORUMKIT_*} variables). The schema comes from
 * the shipped migrations run by Flyway; Hibernate only validates its mapping against it. A server that cannot be
 * reached skips its tests, except under {@code CI=true}, where it fails them.
 */
enum TestDatabase {
    H2("h2", null),
    POSTGRESQL("postgresql", TestServer.POSTGRESQL),
    MARIADB("mariadb", TestServer.MARIADB);

    private static final List<String> TABLES_CHILD_FIRST = List.of("fk_delivery_pref", "fk_delivery", "fk_import_map", "fk_board_watch", "fk_topic_watch", "fk_notification", "fk_search_doc", "fk_search_term", "fk_credit_entry", "fk_credit_balance", "fk_post_revision", "fk_posting_window", "fk_ban", "fk_audit", "fk_report", "fk_vote", "fk_quote", "fk_post", "fk_topic", "fk_board_counter", "fk_board");
    private static final Map<String, EntityManagerFactory> FACTORIES = new ConcurrentHashMap<>();
    private static final Map<TestDatabase, HikariDataSource> POOLS = new ConcurrentHashMap<>();

    private final String dialect;
    private final TestServer server;
    private final String url;
    private final String user;
    private final String password;

    TestDatabase(String dialect, TestServer server) {
        this.dialect = dialect;
        this.server = server;
        this.url = server == null ? "jdbc:h2:mem:forumkit;DB_CLOSE_DELAY=-1" : server.url();
        this.user = server == null ? "sa" : server.user();
        this.password = server == null ? "" : server.password();
    }

    String jdbcUrl() {
        return url;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    String dialect() {
        return dialect;
    }

    /** Skips (or under {@code CI=true} fails) the calling test when this database cannot be reached. */
    TestDatabase require() {
        if (server != null) {
            server.require();
        }
        return this;
    }

    /** A shared connection pool on the database, with the schema migrated from scratch on first use. */
    synchronized HikariDataSource dataSource() {
        require();
        return POOLS.computeIfAbsent(this, db -> {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername(user);
            config.setPassword(password);
            config.setMaximumPoolSize(20);
            idleAway(config);
            config.setPoolName("forumkit-" + dialect);
            HikariDataSource pool = new HikariDataSource(config);
            migrateFromScratch(pool, dialect);
            return pool;
        });
    }

    /** Drops the forum tables on {@code pool}'s database and runs the shipped migrations of {@code dialect}. */
    static void migrateFromScratch(DataSource pool, String dialect) {
        JpaForumStore.Migrations migrations = JpaForumStore.migrations(dialect);
        Flyway flyway = Flyway.configure()
                .dataSource(pool)
                .locations(migrations.locations().toArray(String[]::new))
                .placeholders(migrations.placeholders())
                .table("fk_schema_history")
                .cleanDisabled(false)
                .load();
        // Starts from an empty schema so the migrations, not an earlier run, define every table.
        dropForumTables(pool, dialect);
        flyway.migrate();
    }

    // Open connections only while tests use them: a server's slots (PostgreSQL's 100 by default) are shared by
    // every build on the machine, and an idle pool would otherwise hold all of its connections for the whole run.
    static void idleAway(HikariConfig config) {
        config.setMinimumIdle(0);
        config.setIdleTimeout(10_000);
    }

    private static void dropForumTables(DataSource pool, String dialect) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES_CHILD_FIRST) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
            s.execute("DROP TABLE IF EXISTS fk_schema_history");
            if (dialect.equals("mariadb")) {
                s.execute("DROP PROCEDURE IF EXISTS fk_append_reply");
                s.execute("DROP PROCEDURE IF EXISTS fk_cast_vote");
            } else if (dialect.equals("postgresql")) {
                s.execute("DROP FUNCTION IF EXISTS fk_cast_vote");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shared entity manager factory of the tests on this database (one "app node"). */
    EntityManagerFactory emf() {
        return FACTORIES.computeIfAbsent(dialect, d -> newEmf());
    }

    private EntityManagerFactory newEmf() {
        return newEmf(dataSource());
    }

    /** An app node of its own: a connection pool and an entity manager factory on the same database. */
    record Node(HikariDataSource pool, EntityManagerFactory emf) implements AutoCloseable {
        @Override
        public void close() {
            emf.close();
            pool.close();
        }
    }

    /** Opens another, independent app node on this database (the schema already migrated). */
    Node openNode(int connections) {
        return openNode(connections, config -> { });
    }

    /** As {@link #openNode(int)}, with the node's pool configured further by {@code tune}. */
    Node openNode(int connections, java.util.function.Consumer<HikariConfig> tune) {
        dataSource();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(connections);
        idleAway(config);
        tune.accept(config);
        HikariDataSource pool = new HikariDataSource(config);
        return new Node(pool, newEmf(pool));
    }

    /** Two independent app nodes on this database, each with a pool of {@code connectionsEach} and a store. */
    TwoNodes twoNodes(int connectionsEach) {
        Node one = openNode(connectionsEach);
        try {
            return new TwoNodes(one, openNode(connectionsEach));
        } catch (RuntimeException e) {
            one.close();
            throw e;
        }
    }

    /** Two app nodes of {@link #twoNodes(int)}: closed together. */
    record TwoNodes(Node one, Node two) implements AutoCloseable {
        JpaForumStore storeOne() {
            return JpaForumStore.create(one.emf());
        }

        JpaForumStore storeTwo() {
            return JpaForumStore.create(two.emf());
        }

        @Override
        public void close() {
            try {
                two.close();
            } finally {
                one.close();
            }
        }
    }

    private static final org.forumkit.model.Viewer.Member HOT_ADMIN =
            org.forumkit.model.Viewer.user("admin", "管理员", "admin");

    /** A category, a board {@code slug} in it, and a topic started by alice: what the load tests write to. */
    record HotTopic(org.forumkit.model.Board board, org.forumkit.model.Topic topic) {
    }

    /** Creates the {@link HotTopic} of a load test through {@code forum}, as an administrator. */
    static HotTopic hotTopic(org.forumkit.Forum forum, String slug, String name) {
        org.forumkit.model.Board category = forum.boards().create(HOT_ADMIN,
                org.forumkit.model.CreateBoard.category(slug + "-category", name));
        org.forumkit.model.Board board = forum.boards().create(HOT_ADMIN,
                org.forumkit.model.CreateBoard.board(category.id(), slug, name));
        org.forumkit.model.Topic topic = forum.topics().start(org.forumkit.model.Viewer.user("alice", "Alice"),
                org.forumkit.model.StartTopic.of(board.id(), "热帖", "一楼"));
        return new HotTopic(board, topic);
    }

    /** A factory whose persistence unit names the entities through {@link JpaForumStore#MAPPING_FILE} alone. */
    EntityManagerFactory emfFromMappingFile() {
        return newEmf(dataSource(), true);
    }

    private EntityManagerFactory newEmf(HikariDataSource pool) {
        return newEmf(pool, false);
    }

    private EntityManagerFactory newEmf(HikariDataSource pool, boolean mappingFile) {
        return entityManagerFactory(dialect, pool, mappingFile);
    }

    /** A factory of the tests' persistence unit on {@code pool}, as every test database builds it. */
    static EntityManagerFactory entityManagerFactory(String dialect, DataSource pool, boolean mappingFile) {
        PersistenceConfiguration config = new PersistenceConfiguration("forumkit-" + dialect)
                .provider("org.hibernate.jpa.HibernatePersistenceProvider")
                .transactionType(PersistenceUnitTransactionType.RESOURCE_LOCAL)
                // forum-core brings Hibernate Validator without an EL implementation; the entities need no validation.
                .validationMode(ValidationMode.NONE)
                // Counted at the JDBC layer, so statements the store runs on the raw connection count too.
                .property("hibernate.connection.datasource", StatementCounter.counting(pool))
                .property("hibernate.hbm2ddl.auto", "validate");
        if (mappingFile) {
            return config.mappingFile(JpaForumStore.MAPPING_FILE).createEntityManagerFactory();
        }
        for (String name : JpaForumStore.entityClassNames()) {
            try {
                config.managedClass(Class.forName(name));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return config.createEntityManagerFactory();
    }

    /** The forum tables of a database, children first: PostgreSQL's search index is fk_search_doc (V14). */
    private static List<String> tables(TestDatabase db) {
        String absent = db == POSTGRESQL ? "fk_search_term" : "fk_search_doc";
        return TABLES_CHILD_FIRST.stream().filter(t -> !t.equals(absent)).toList();
    }

    /** Empties the forum tables (children first) and restarts their ids. */
    void clean() {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            switch (this) {
                case POSTGRESQL -> s.execute("TRUNCATE " + String.join(", ", tables(this)) + " RESTART IDENTITY");
                case MARIADB -> truncateOnMariaDb(s);
                case H2 -> {
                    s.execute("SET REFERENTIAL_INTEGRITY FALSE");
                    for (String table : tables(H2)) {
                        s.execute("TRUNCATE TABLE " + table + " RESTART IDENTITY");
                    }
                    s.execute("SET REFERENTIAL_INTEGRITY TRUE");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Empties the forum tables of a MariaDB database (a Galera cluster replicates TRUNCATE to every node). */
    static void truncateOnMariaDb(Statement s) throws SQLException {
        s.execute("SET FOREIGN_KEY_CHECKS = 0");
        for (String table : tables(MARIADB)) {
            s.execute("TRUNCATE TABLE " + table);
        }
        s.execute("SET FOREIGN_KEY_CHECKS = 1");
    }

    /** A store on the shared factory over freshly emptied tables. */
    JpaForumStore freshStore() {
        EntityManagerFactory emf = emf();
        clean();
        return JpaForumStore.create(emf);
    }
}
