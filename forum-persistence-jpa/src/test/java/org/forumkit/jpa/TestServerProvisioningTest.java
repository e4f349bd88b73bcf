package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.forumkit.jpa.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DisplayName("The test servers create a missing test database and user through the administrative login")
class TestServerProvisioningTest {

    private static String admin(TestServer.Kind kind) {
        String env = kind == TestServer.Kind.POSTGRESQL ? "FORUMKIT_PG_ADMIN_USER" : "FORUMKIT_MARIADB_ADMIN_USER";
        return System.getenv().getOrDefault(env, kind == TestServer.Kind.POSTGRESQL ? "postgres" : "root");
    }

    private static String adminPassword(TestServer.Kind kind) {
        return System.getenv().getOrDefault(kind == TestServer.Kind.POSTGRESQL
                ? "FORUMKIT_PG_ADMIN_PASSWORD" : "FORUMKIT_MARIADB_ADMIN_PASSWORD", "");
    }

    private static void dropAgain(TestServer fresh, String name) throws Exception {
        try (Connection c = fresh.connectAsAdmin(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            if (fresh.kind() == TestServer.Kind.POSTGRESQL) {
                s.execute("DROP ROLE IF EXISTS " + name);
            } else {
                s.execute("DROP USER IF EXISTS '" + name + "'@'%'");
                s.execute("DROP USER IF EXISTS '" + name + "'@'localhost'");
            }
        }
    }

    @Nested
    @Tag("postgresql")
    class OnPostgreSql extends Cases {
        OnPostgreSql() {
            super(TestServer.Kind.POSTGRESQL);
        }
    }

    @Nested
    @Tag("mariadb")
    class OnMariaDb extends Cases {
        OnMariaDb() {
            super(TestServer.Kind.MARIADB);
        }
    }

    /** The tests, run once per database by the nested classes above (one JUnit tag each). */
    abstract class Cases {
        final TestServer.Kind kind;

        Cases(TestServer.Kind kind) {
            this.kind = kind;
        }

        @Test
        @DisplayName("a database and user that do not exist yet are created, UTF-8, and the user can log in")
        void createsWhatIsMissing() throws Exception {
            TestServer configured = TestServer.of(kind).require(); // the server itself must be up
            String name = "forumkit_prov_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            String url = configured.url().replaceFirst("/forumkit[A-Za-z0-9_]*", "/" + name);
            TestServer fresh = new TestServer(kind, url, name, "pw'" + name, admin(kind), adminPassword(kind), true);
            try {
                fresh.require();
                try (Connection c = fresh.connect(); Statement s = c.createStatement()) {
                    ResultSet rs = s.executeQuery(kind == TestServer.Kind.POSTGRESQL
                            ? "SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()"
                            : "SELECT @@character_set_database");
                    rs.next();
                    assertThat(rs.getString(1).toLowerCase(Locale.ROOT)).isIn("utf8", "utf8mb4");
                    s.execute("CREATE TABLE probe (id INT PRIMARY KEY)"); // the user owns what it needs
                }
            } finally {
                dropAgain(fresh, name);
            }
        }
    }
}
