package org.forumkit.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.forumkit.jpa.testing.TestServer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness's HTTP scenario with a few requests, so that it cannot rot: the demo starts on the database, the
 * ceiling serves the API's JSON for both pages (the scenario reports a violation otherwise), every request is
 * answered 200 (201 for the replies) on keep-alive connections that were opened once each, anonymous page reads get
 * no session, and the topic's floors stay whole. Counts only; the timings are the harness's.
 */
class HttpScenarioTest {

    @Nested
    @Tag("h2")
    class OnH2 {
        @Test
        void smoke(@TempDir Path dir) throws Exception {
            String url = "jdbc:h2:file:" + dir.resolve("bench") + ";DB_CLOSE_ON_EXIT=FALSE";
            run(DatabaseTarget.open("h2", url, "sa", "", false).orElseThrow(), "sa", "");
        }
    }

    @Nested
    @Tag("postgresql")
    class OnPostgreSql {
        @Test
        void smoke() throws Exception {
            TestServer server = TestServer.of(TestServer.Kind.POSTGRESQL).require();
            run(DatabaseTarget.open("postgresql", server.url(), server.user(), server.password(), false).orElseThrow(),
                    server.user(), server.password());
        }
    }

    @Nested
    @Tag("mariadb")
    class OnMariaDb {
        @Test
        void smoke() throws Exception {
            TestServer server = TestServer.of(TestServer.Kind.MARIADB).require();
            run(DatabaseTarget.open("mariadb", server.url(), server.user(), server.password(), false).orElseThrow(),
                    server.user(), server.password());
        }
    }

    static void run(Target target, String user, String password) throws Exception {
        Report report = new Report();
        try (target) {
            new HttpScenario(HttpScenario.Sizes.SMOKE, report, null).run((DatabaseTarget) target, user, password);
        }
        assertThat(report.violations()).isEmpty();
        Map<String, String> rows = report.rows().stream()
                .collect(Collectors.toMap(Report.Row::metric, Report.Row::value, (a, b) -> a));
        // SMOKE: 3 requests per connection and round, 1 round; 1 and 2 connections
        assertThat(rows).containsEntry("API first page, 1 conn sockets / requests", "1 / 3")
                .containsEntry("ceiling last page, 1 conn sockets / requests", "1 / 3")
                .containsEntry("API last page, 2 conns sockets / requests", "2 / 6")
                .containsEntry("ceiling first page, 2 conns sockets / requests", "2 / 6")
                .containsEntry("anonymous page connections given a session cookie", "0.00")
                .containsEntry("API replies: failed / sockets reopened", "0 / 0");
        assertThat(rows.keySet()).contains("API/ceiling req/s, last page, 2 conns", "API replies, 2 conns req/s");
    }
}
