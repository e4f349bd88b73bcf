package org.forumkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.forumkit.jpa.testing.TestServer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo runs unchanged on PostgreSQL and MariaDB given a JDBC URL (the {@link TestServer}s): migrated, seeded
 * on first start, serving the seed topic. Skipped without a server, failed under CI=true.
 */
class DemoOnServersTest {

    @Nested
    @Tag("postgresql")
    class OnPostgreSql extends Cases {
        OnPostgreSql() {
            super(TestServer.Kind.POSTGRESQL, "database \"forumkit_no_such_database\" does not exist");
        }
    }

    @Nested
    @Tag("mariadb")
    class OnMariaDb extends Cases {
        OnMariaDb() {
            // a user without global rights hears "access denied" for a database that is not there
            super(TestServer.Kind.MARIADB, "(Unknown database|Access denied for user '[^']+'@'[^']+' to database) "
                    + "'forumkit_no_such_database'");
        }
    }

    /** The tests, run once per database by the nested classes above (one JUnit tag each). */
    abstract class Cases {
        final TestServer.Kind kind;
        /** What the server says of the missing database, as a pattern. */
        final String missingDatabase;

        Cases(TestServer.Kind kind, String missingDatabase) {
            this.kind = kind;
            this.missingDatabase = missingDatabase;
        }

        @Test
        void aDatabaseThatDoesNotExistIsOneLine(@TempDir Path data) {
            TestServer server = TestServer.of(kind).require();
            String url = server.url().replaceFirst("/[^/?]+(\\?.*)?$", "/forumkit_no_such_database$1");
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            int status = DemoApp.launch(new String[] {"--port", "0", "--jdbc-url", url, "--jdbc-user", server.user(),
                    "--jdbc-password", server.password(), "--data-dir", data.toString()}, java.util.Map.of(),
                    new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                    new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(status).isEqualTo(1);
            assertThat(out.size()).isZero();
            assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8).lines()).singleElement()
                    .satisfies(line -> assertThat(line).startsWith("forum-demo: cannot open the database "
                            + url.replaceFirst("\\?.*$", "")).containsPattern(missingDatabase));
        }

        @Test
        void servesTheSeedTopic(@TempDir Path data) throws Exception {
            TestServer server = TestServer.of(kind).require();
            String url = server.url();
            String name = kind.name().toLowerCase(java.util.Locale.ROOT);
            try (Database database = Database.open(url, server.user(), server.password(), 2)) {
                database.truncate(); // a first start: the demo seeds an empty forum
            }
            DemoApp app = DemoApp.start(new DemoConfig(0, url, server.user(), server.password(), data));
            try {
                DemoClient client = new DemoClient(app.url());
                DemoClient.Reply page = client.get("/topics/1");
                assertThat(page.status()).isEqualTo(200);
                assertThat(page.text()).contains("强化高水平崛起的民政服务保障", "希望该培训真的能系统落实~", "1351");
                assertThat(page.text()).containsPattern("[0-9]+ queries");
                assertThat(client.signIn("alice").json("POST", "/api/topics/1/replies", "{\"body\":\"在" + name + "上回复\"}")
                        .json().get("floor").asInt()).isEqualTo(3);
            } finally {
                app.close();
            }
            // a second start keeps the data and does not seed again
            DemoApp again = DemoApp.start(new DemoConfig(0, url, server.user(), server.password(), data));
            try {
                assertThat(new DemoClient(again.url()).get("/api/topics/1").json().get("topic").get("replies").asInt())
                        .isEqualTo(2);
                assertThat(new DemoClient(again.url()).get("/api/boards").json().findValuesAsText("slug"))
                        .containsOnlyOnce("news-media");
            } finally {
                again.close();
            }
        }
    }
}
