package org.forumkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.forumkit.jpa.testing.TestServer;
import org.forumkit.model.PostId;
import org.forumkit.tck.ForumFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fuzz pass over the demo's JSON API and static paths ({@link ApiFuzzCorpus}): every answer is a success or the
 * documented JSON error, never a 5xx, never a stack trace or a framework's text; what a 201 acknowledges is what the
 * store holds; the server answers a health request within 1 s after each batch.
 */
@DisplayName("A fuzz pass over the JSON API: hostile requests get documented answers, the server stays responsive")
class ApiFuzzTest {

    @Nested
    @Tag("h2")
    @DisplayName("on H2")
    class OnH2 extends Cases {
        @Override
        DemoApp start(Path data) throws Exception {
            return DemoApp.start(new DemoConfig(0, null, null, null, data), Cases.OVERRIDES);
        }
    }

    @Nested
    @Tag("postgresql")
    @DisplayName("on PostgreSQL")
    class OnPostgreSql extends Cases {
        @Override
        DemoApp start(Path data) throws Exception {
            TestServer server = TestServer.of(TestServer.Kind.POSTGRESQL).require();
            try (Database database = Database.open(server.url(), server.user(), server.password(), 2)) {
                database.truncate();
            }
            return DemoApp.start(new DemoConfig(0, server.url(), server.user(), server.password(), data),
                    Cases.OVERRIDES);
        }

        @Override
        List<List<ApiFuzzCorpus.Probe>> batches(long post) {
            return ApiFuzzCorpus.textBatches(post);
        }

        @Override
        int minimum() {
            return 150;
        }
    }

    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class Cases {
        static final Map<String, Object> OVERRIDES = Map.of("forumkit.api.rate-limit.enabled", false);
        DemoApp app;

        abstract DemoApp start(Path data) throws Exception;

        /** The whole corpus; a server database runs the text batches, where its encoding matters. */
        List<List<ApiFuzzCorpus.Probe>> batches(long post) {
            return ApiFuzzCorpus.batches(post);
        }

        int minimum() {
            return 700;
        }

        @BeforeAll
        void startApp(@TempDir Path data) throws Exception {
            app = start(data);
        }

        @AfterAll
        void stop() {
            if (app != null) {
                app.close();
            }
        }

        @Test
        @DisplayName("every probe of the corpus: a documented answer, no 5xx, no framework text; health within 1 s")
        void corpus() throws Exception {
            DemoClient alice = new DemoClient(app.url()).signIn("alice");
            String csrf = alice.csrf();
            String cookies = "FORUMKIT_SESSION=" + alice.cookie("FORUMKIT_SESSION") + "; FORUMKIT_CSRF="
                    + alice.cookie("FORUMKIT_CSRF");
            long post = new DemoClient(app.url()).get("/api/topics/1").json().at("/posts/0/id").asLong();
            List<List<ApiFuzzCorpus.Probe>> batches = batches(post);
            Map<Integer, Integer> statuses = new TreeMap<>();
            List<String> bad = new ArrayList<>();
            long slowestHealth = 0;
            int probes = 0;
            int acknowledged = 0;
            for (List<ApiFuzzCorpus.Probe> batch : batches) {
                for (ApiFuzzCorpus.Probe probe : batch) {
                    probes++;
                    RawHttp.Response response;
                    try {
                        response = RawHttp.exchange(app.port(), null, probe.request(probe.signedIn() ? cookies : null,
                                probe.signedIn() ? csrf : null), 30_000);
                    } catch (IOException e) {
                        bad.add(probe.name() + ": no answer (" + e + ")");
                        continue;
                    }
                    statuses.merge(response.status(), 1, Integer::sum);
                    String problem = problem(probe, response);
                    if (problem != null) {
                        bad.add(probe.name() + ": " + problem + " — " + response.status() + " " + abbreviate(
                                response.body()));
                    } else if (response.status() == 201 && probe.path().contains("/replies")) {
                        acknowledged++;
                        String stored = storedBody(response);
                        if (stored != null) {
                            bad.add(probe.name() + ": 201 echoed a body the store does not hold: " + stored);
                        }
                    }
                }
                long started = System.nanoTime();
                RawHttp.Response health = RawHttp.exchange(app.port(), null, RawHttp.get("/api/session", ""), 1_000);
                slowestHealth = Math.max(slowestHealth, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                assertThat(health.status()).as("health after a batch").isEqualTo(200);
            }
            System.out.printf("fuzz: %d probes in %d batches, statuses %s, %d replies acknowledged, slowest health %d ms%n",
                    probes, batches.size(), statuses, acknowledged, slowestHealth);
            assertThat(bad).as("probes answered outside the documented shapes").isEmpty();
            assertThat(probes).isGreaterThanOrEqualTo(minimum());
        }

        /** Why this answer is not a documented one, or null. */
        static String problem(ApiFuzzCorpus.Probe probe, RawHttp.Response response) {
            int status = response.status();
            String body = response.body();
            if (status == 0) {
                return "no status line";
            }
            if (status >= 500) {
                return "a server error";
            }
            for (String leak : new String[] {"\tat ", "Exception", "springframework", "Whitelabel", "Tomcat",
                "hibernate", "forumkit.api.enabled", "root:x:", "<!doctype html><html lang=\"en\"><head><title>HTTP"}) {
                if (body.contains(leak)) {
                    return "leaks '" + leak + "'";
                }
            }
            // a path with dot segments is no longer the API's once normalized: any clean page is its answer
            String lower = probe.path().toLowerCase(java.util.Locale.ROOT);
            boolean unparsable = !StandardCharsets.US_ASCII.newEncoder().canEncode(probe.path());
            if (!probe.path().startsWith("/api") || lower.contains("..") || lower.contains("%2e") || unparsable
                    || status < 400) {
                return null;
            }
            if (!String.valueOf(response.header("Content-Type")).startsWith("application/json")) {
                return "an API error that is not JSON";
            }
            try {
                JsonNode json = DemoClient.JSON.readTree(body);
                if (!json.path("error").isTextual() || !json.path("message").isTextual()) {
                    return "an API error without error and message";
                }
                if (!ApiFuzzCorpus.CODES.contains(json.get("error").asText())) {
                    return "an undocumented code " + json.get("error").asText();
                }
            } catch (IOException e) {
                return "an API error that does not parse";
            }
            return null;
        }

        /** Null when the reply's acknowledged body is the one stored, else what the store holds. */
        String storedBody(RawHttp.Response response) throws IOException {
            JsonNode post = DemoClient.JSON.readTree(response.body());
            String stored = app.forum().posts().get(ForumFixtures.ADMIN, PostId.of(post.get("id").asLong())).body();
            return stored.equals(post.get("body").asText()) ? null : abbreviate(stored);
        }

        static String abbreviate(String text) {
            return text.length() > 200 ? text.substring(0, 200) + "…" : text;
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
