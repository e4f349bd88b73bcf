package org.forumkit.jpa.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database server the tests run on, with the test database and user it provisions for itself: when the test
 * user cannot log in, the server's administrative login (PostgreSQL {@code postgres}, MariaDB {@code root}, as
 * the machine's own servers have them) creates the user and a UTF-8 / {@code utf8mb4} database, so a fresh
 * machine needs no preparation step. Every setting comes from the environment:
 * {@code FORUMKIT_PG_URL}, {@code _USER}, {@code _PASSWORD}, {@code _ADMIN_USER}, {@code _ADMIN_PASSWORD}, and
 * the same with {@code FORUMKIT_MARIADB_}. A server that cannot be reached skips the calling test with a message
 * naming it, and fails it under {@code CI=true}.
 */
public final class TestServer {
    private static final Logger LOG = LoggerFactory.getLogger(TestServer.class);
    private static final Pattern URL = Pattern.compile("(jdbc:[a-z]+://[^/?]+)/([^/?]*)(\\?.*)?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,63}");
    private static final Map<String, String> PROBLEMS = new ConcurrentHashMap<>();

    /** The PostgreSQL server of the tests, database {@code forumkit_test} by default. */
    public static final TestServer POSTGRESQL = fromEnvironment(Kind.POSTGRESQL, System.getenv());

    /** The MariaDB server of the tests, database {@code forumkit_test} by default. */
    public static final TestServer MARIADB = fromEnvironment(Kind.MARIADB, System.getenv());

    /** The two engines a test server can be. */
    public enum Kind {
        POSTGRESQL("PostgreSQL", "FORUMKIT_PG", "jdbc:postgresql://127.0.0.1:5432/forumkit_test", "postgres",
                "/postgres"),
        MARIADB("MariaDB", "FORUMKIT_MARIADB", "jdbc:mariadb://127.0.0.1:3306/forumkit_test", "root", "/");

        private final String label;
        private final String env;
        private final String defaultUrl;
        private final String defaultAdmin;
        private final String maintenancePath;

        Kind(String label, String env, String defaultUrl, String defaultAdmin, String maintenancePath) {
            this.label = label;
            this.env = env;
            this.defaultUrl = defaultUrl;
            this.defaultAdmin = defaultAdmin;
            this.maintenancePath = maintenancePath;
        }
    }

    private final Kind kind;
    private final String url;
    private final String user;
    private final String password;
    private final String adminUser;
    private final String adminPassword;
    private final boolean failWhenUnreachable;

    /**
     * A server at {@code url}; {@code failWhenUnreachable} turns the skip into a failure (what {@code CI=true}
     * does).
     */
    public TestServer(Kind kind, String url, String user, String password, String adminUser, String adminPassword,
            boolean failWhenUnreachable) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.url = Objects.requireNonNull(url, "url");
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
        this.adminUser = Objects.requireNonNull(adminUser, "adminUser");
        this.adminPassword = Objects.requireNonNull(adminPassword, "adminPassword");
        this.failWhenUnreachable = failWhenUnreachable;
        if (!URL.matcher(url).matches()) {
            throw new IllegalArgumentException("not a JDBC URL with a database name: " + url);
        }
    }

    static TestServer fromEnvironment(Kind kind, Map<String, String> env) {
        return new TestServer(kind,
                env.getOrDefault(kind.env + "_URL", kind.defaultUrl),
                env.getOrDefault(kind.env + "_USER", "forumkit"),
                env.getOrDefault(kind.env + "_PASSWORD", "forumkit"),
                env.getOrDefault(kind.env + "_ADMIN_USER", kind.defaultAdmin),
                env.getOrDefault(kind.env + "_ADMIN_PASSWORD", ""),
                "true".equalsIgnoreCase(env.get("CI")));
    }

    /** The server of the tests for {@code kind}, as the environment configures it. */
    public static TestServer of(Kind kind) {
        return kind == Kind.POSTGRESQL ? POSTGRESQL : MARIADB;
    }

    public Kind kind() {
        return kind;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /**
     * Makes sure the test database and user exist (creating them once per JVM if needed), then returns this
     * server; skips the calling test when the server cannot be reached, or fails it when that is set.
     */
    public TestServer require() {
        String problem = PROBLEMS.computeIfAbsent(kind + " " + url + " " + user, key -> provision());
        if (!problem.isEmpty()) {
            if (failWhenUnreachable) {
                Assertions.fail(problem);
            }
            Assumptions.abort(problem);
        }
        return this;
    }

    /** A new connection as the test user; {@link #require()} first. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** A new connection through the administrative login, to the server's maintenance database. */
    public Connection connectAsAdmin() throws SQLException {
        Matcher parts = URL.matcher(url);
        parts.matches();
        String adminUrl = parts.group(1) + kind.maintenancePath + (parts.group(3) == null ? "" : parts.group(3));
        return DriverManager.getConnection(adminUrl, adminUser, adminPassword);
    }

    /** The empty string when the test user can log in (after creating what was missing), else the reason. */
    private String provision() {
        DriverManager.setLoginTimeout(5);
        SQLException asUser;
        try (Connection ignored = connect()) {
            LOG.info("{} tests use {} as {}", kind.label, url, user);
            return "";
        } catch (SQLException e) {
            asUser = e;
        }
        Matcher parts = URL.matcher(url);
        parts.matches();
        String database = parts.group(2);
        try (Connection admin = connectAsAdmin()) {
            String created = kind == Kind.POSTGRESQL ? createOnPostgreSql(admin, database) : createOnMariaDb(admin, database);
            try (Connection ignored = connect()) {
                LOG.info("{} tests use {} as {} ({} through the administrative login {})", kind.label, url, user,
                        created, adminUser);
                return "";
            }
        } catch (SQLException | IllegalArgumentException e) {
            return kind.label + " is not reachable for the tests at " + url + " as " + user + " ("
                    + asUser.getMessage() + "), and the administrative login " + adminUser + " could not create it ("
                    + e.getMessage() + "); start the server or point the tests elsewhere with " + kind.env
                    + "_URL, _USER, _PASSWORD, _ADMIN_USER, _ADMIN_PASSWORD";
        }
    }

    private String createOnPostgreSql(Connection admin, String database) throws SQLException {
        String role = identifier(user);
        String db = identifier(database);
        StringBuilder created = new StringBuilder();
        if (!exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = ?", user)) {
            execute(admin, "CREATE ROLE \"" + role + "\" LOGIN PASSWORD " + literal(password));
            created.append("created role ").append(role);
        }
        if (!exists(admin, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
            // template0 so the encoding may differ from the cluster's template1
            execute(admin, "CREATE DATABASE \"" + db + "\" OWNER \"" + role + "\" ENCODING 'UTF8' TEMPLATE template0");
            created.append(created.isEmpty() ? "" : ", ").append("created database ").append(db);
        }
        return created.isEmpty() ? "nothing was missing" : created.toString();
    }

    private String createOnMariaDb(Connection admin, String database) throws SQLException {
        String db = identifier(database);
        String name = identifier(user);
        execute(admin, "CREATE DATABASE IF NOT EXISTS `" + db + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        for (String host : new String[] {"%", "localhost"}) {
            execute(admin, "CREATE USER IF NOT EXISTS '" + name + "'@'" + host + "' IDENTIFIED BY " + literal(password));
            execute(admin, "GRANT ALL PRIVILEGES ON `" + db + "`.* TO '" + name + "'@'" + host + "'");
        }
        return "ensured database " + db + " and user " + name;
    }

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    // Names and the password go into DDL, where no bind parameters exist: allow only plain names.
    private static String identifier(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("refusing to create '" + name + "': use letters, digits and _ only");
        }
        return name;
    }

    private String literal(String value) {
        // MariaDB reads backslashes in string literals as escapes; PostgreSQL (standard_conforming_strings) does not
        String escaped = kind == Kind.MARIADB ? value.replace("\\", "\\\\") : value;
        return "'" + escaped.replace("'", "''") + "'";
    }

    @Override
    public String toString() {
        return kind.label + " at " + url;
    }
}
