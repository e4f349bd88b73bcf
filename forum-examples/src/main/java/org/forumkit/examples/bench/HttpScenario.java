package org.forumkit.examples.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.forumkit.Forum;
import org.forumkit.examples.DemoApp;
import org.forumkit.examples.DemoConfig;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.Viewer;
import org.forumkit.spi.store.ForumStore;

/**
 * {@code --scenarios http}: the served page, measured. Starts the real demo (its Spring Boot application, Tomcat on a
 * free port) on a database target with {@code forumkit.demo.bench-ceiling=true} and
 * {@code forumkit.api.rate-limit.enabled=false}, seeds a topic of {@code floors} floors, and drives it over HTTP/1.1
 * keep-alive connections ({@link HttpConnection}) from this process: the API's first and last page of 20 floors
 * ({@code GET /api/topics/{id}?fromFloor=…&size=20}) and the plain-JDBC ceiling of the same page in the same
 * server ({@code /bench/ceiling/topics/{id}}), at 1 and {@code connections} connections, alternated in
 * {@code rounds}; then replies to the topic through the API ({@code POST /api/topics/{id}/replies}, signed in as
 * the demo users with the CSRF token of {@code GET /api/session}). Each load checks every answer's status.
 */
final class HttpScenario {
    static final String[] USERS = {"alice", "bob", "carol", "mod"};
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Sizes: requests per connection for a page load, replies per connection, alternations of API and ceiling. */
    record Sizes(int floors, int connections, int requests, int replies, int rounds, int warmup) {
        static final Sizes QUICK = new Sizes(1_000, 8, 400, 60, 2, 300);
        static final Sizes FULL = new Sizes(1_000, 8, 2_000, 300, 3, 1_000);
        /** A few requests, for the test that keeps the scenario from rotting. */
        static final Sizes SMOKE = new Sizes(40, 2, 3, 2, 1, 2);

        Sizes withRequests(int n) {
            return new Sizes(floors, connections, n, replies, rounds, warmup);
        }
    }

    private final Sizes sizes;
    private final Report report;
    private final HttpProfile profile;
    private final Scenarios scenarios;

    HttpScenario(Sizes sizes, Report report, HttpProfile profile) {
        this.sizes = sizes;
        this.scenarios = new Scenarios(Scenarios.Mode.QUICK, report);
        this.report = report;
        this.profile = profile;
    }

    /** A measured page load: its latencies and rate, the sockets it opened, the connections given a cookie. */
    record Measured(LoadDriver.Load load, long sockets, long cookies) {
    }

    /** The ceiling serves the API's JSON for this page (the ceiling first: the API's first page records a view). */
    private void sameJson(int port, String name, String api, String ceiling) throws Exception {
        try (HttpConnection connection = new HttpConnection("127.0.0.1", port)) {
            HttpConnection.Response bound = connection.get(ceiling);
            HttpConnection.Response page = connection.get(api);
            if (bound.status() != 200 || page.status() != 200 || !JSON.readTree(bound.body()).equals(JSON.readTree(
                    page.body()))) {
                report.violation(name, "the ceiling's JSON differs from the API's: " + ceiling + " answered "
                        + bound.status() + " " + bound.text() + "\n" + api + " answered " + page.status() + " "
                        + page.text());
            }
        }
    }

    void run(DatabaseTarget target, String user, String password) throws Exception {
        target.reset();
        Path data = Files.createTempDirectory("forumkit-bench-http");
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        try (DemoApp app = DemoApp.start(new DemoConfig(0, target.url(), user, password, data), overrides())) {
            Forum forum = app.forum();
            ForumStore store = app.context().getBean(ForumStore.class);
            Topic topic = forum.topics().start(Viewer.user("op", "楼主"),
                    StartTopic.of(Scenarios.board(forum, "http-bench").id(), "HTTP 深楼测试", Scenarios.BODY));
            Scenarios.populate(store, topic, sizes.floors());
            target.analyze();
            String name = target.name();
            String scenario = "http (" + sizes.floors() + " floors, Tomcat keep-alive)";
            int last = sizes.floors() - 19;
            String api = "/api/topics/" + topic.id().value() + "?size=20&fromFloor=";
            String ceiling = "/bench/ceiling/topics/" + topic.id().value() + "?size=20&fromFloor=";
            for (int from : new int[] {1, last}) {
                sameJson(app.port(), name, api + from, ceiling + from);
            }
            for (String path : new String[] {api + 1, ceiling + 1, api + last, ceiling + last}) {
                load(app.port(), path, 2, sizes.warmup() / 2);
            }
            long cookies = 0;
            for (int connections : new int[] {1, sizes.connections()}) {
                for (int from : new int[] {1, last}) {
                    Stats[] latency = {new Stats(), new Stats()};
                    double[] seconds = new double[2];
                    long[] requests = new long[2];
                    long[] sockets = new long[2];
                    for (int round = 0; round < sizes.rounds(); round++) {
                        for (int which = 0; which < 2; which++) {
                            // alternated, the API first in even rounds and second in odd ones
                            int at = round % 2 == 0 ? which : 1 - which;
                            String path = (at == 0 ? api : ceiling) + from;
                            Measured measured = load(app.port(), path, connections, sizes.requests());
                            latency[at].addAll(measured.load().latency());
                            seconds[at] += measured.load().seconds();
                            requests[at] += measured.load().operations();
                            sockets[at] += measured.sockets();
                            cookies += measured.cookies();
                        }
                    }
                    String page = (from == 1 ? "first" : "last") + " page, " + connections + " conn"
                            + (connections > 1 ? "s" : "");
                    for (int at = 0; at < 2; at++) {
                        String who = at == 0 ? "API " : "ceiling ";
                        report.add(name, scenario, who + page + " p50", latency[at].percentileMillis(50), "ms");
                        report.add(name, scenario, who + page + " p99", latency[at].percentileMillis(99), "ms");
                        report.add(name, scenario, who + page + " req/s", requests[at] / seconds[at], "");
                        report.note(name, scenario, who + page + " sockets / requests", sockets[at] + " / "
                                + requests[at]);
                    }
                    double ratio = (requests[0] / seconds[0]) / (requests[1] / seconds[1]);
                    report.add(name, scenario, "API/ceiling req/s, " + page, ratio, "");
                    report.add(name, scenario, "API − ceiling p50, " + page,
                            latency[0].percentileMillis(50) - latency[1].percentileMillis(50), "ms");
                }
            }
            report.add(name, scenario, "anonymous page connections given a session cookie", cookies, "");
            if (profile != null) {
                // recorded apart from the measured loads, which the recording would slow down
                for (String path : new String[] {api + 1, ceiling + 1}) {
                    profile.begin();
                    Measured measured = load(app.port(), path, sizes.connections(), sizes.requests());
                    profile.end(name + (path.startsWith("/api") ? " API" : " ceiling") + " first page, "
                            + sizes.connections() + " conns", measured.load());
                }
            }
            replies(app, name, scenario, topic);
            scenarios.checkFloors(name, store, topic.id());
        } finally {
            report.note(target.name(), "http", "load average before / after", String.format(java.util.Locale.ROOT,
                    "%.2f / %.2f", loadBefore, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            deleteTree(data);
        }
    }

    /** The demo's properties for the benchmark: the ceiling on, the API's per-IP rate limit off. */
    static Map<String, Object> overrides() {
        return Map.of("forumkit.demo.bench-ceiling", "true", "forumkit.api.rate-limit.enabled", "false");
    }

    /** {@code requests} GETs of {@code path} on each of {@code connections} keep-alive connections; all must be 200. */
    static Measured load(int port, String path, int connections, int requests) throws Exception {
        AtomicLong sockets = new AtomicLong();
        AtomicLong cookies = new AtomicLong();
        LoadDriver.Load load = LoadDriver.run(connections, requests, thread -> {
            HttpConnection connection = new HttpConnection("127.0.0.1", port);
            return new LoadDriver.Worker() {
                @Override
                public void run(int op) throws Exception {
                    HttpConnection.Response response = connection.get(path);
                    if (response.status() != 200) {
                        throw new IllegalStateException(path + " answered " + response.status() + ": "
                                + response.text());
                    }
                }

                @Override
                public void close() throws Exception {
                    sockets.addAndGet(connection.opened());
                    cookies.addAndGet(connection.cookie() == null ? 0 : 1);
                    connection.close();
                }
            };
        });
        if (load.failures() > 0) {
            throw new IllegalStateException(load.failures() + " of " + (load.operations() + load.failures())
                    + " requests to " + path + " failed");
        }
        return new Measured(load, sockets.get(), cookies.get());
    }

    private void replies(DemoApp app, String name, String scenario, Topic topic) throws Exception {
        List<HttpConnection> signedIn = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < sizes.connections(); i++) {
            HttpConnection connection = new HttpConnection("127.0.0.1", app.port());
            tokens.add(signIn(connection, USERS[i % USERS.length]));
            signedIn.add(connection);
        }
        String path = "/api/topics/" + topic.id().value() + "/replies";
        long before = HttpConnection.OPENED.get();
        LoadDriver.Load load = LoadDriver.run(sizes.connections(), sizes.replies(), thread -> new LoadDriver.Worker() {
            @Override
            public void run(int op) throws Exception {
                byte[] body = JSON.writeValueAsBytes(Map.of("body", "HTTP 回复 " + thread + "-" + op + " " + Scenarios.BODY));
                HttpConnection.Response response = signedIn.get(thread).send("POST", path, "application/json", body,
                        Map.of("X-CSRF-TOKEN", tokens.get(thread)));
                if (response.status() != 201) {
                    throw new IllegalStateException("reply answered " + response.status() + ": " + response.text());
                }
            }

            @Override
            public void close() throws Exception {
                signedIn.get(thread).close();
            }
        });
        report.add(name, scenario, "API replies, " + sizes.connections() + " conns p50", load.latency()
                .percentileMillis(50), "ms");
        report.add(name, scenario, "API replies, " + sizes.connections() + " conns p99", load.latency()
                .percentileMillis(99), "ms");
        report.add(name, scenario, "API replies, " + sizes.connections() + " conns req/s", load.perSecond(), "");
        report.note(name, scenario, "API replies: failed / sockets reopened", load.failures() + " / "
                + (HttpConnection.OPENED.get() - before));
        if (load.failures() > 0) {
            report.violation(name, load.failures() + " replies through the API failed");
        }
    }

    /**
     * Signs this connection in as a demo user, as a browser does: the CSRF token of an anonymous session, the sign-in
     * form, then the new session's token, which it returns.
     */
    static String signIn(HttpConnection connection, String user) throws Exception {
        String anonymous = token(connection);
        byte[] form = ("user=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&csrf="
                + URLEncoder.encode(anonymous, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        HttpConnection.Response login = connection.send("POST", "/login", "application/x-www-form-urlencoded", form,
                Map.of());
        if (login.status() != 303) {
            throw new IllegalStateException("signing in as " + user + " answered " + login.status());
        }
        return token(connection);
    }

    private static String token(HttpConnection connection) throws Exception {
        HttpConnection.Response session = connection.get("/api/session");
        JsonNode json = JSON.readTree(session.body());
        if (session.status() != 200 || !json.hasNonNull("csrfToken")) {
            throw new IllegalStateException("GET /api/session answered " + session.status() + ": " + session.text());
        }
        return json.get("csrfToken").asText();
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
