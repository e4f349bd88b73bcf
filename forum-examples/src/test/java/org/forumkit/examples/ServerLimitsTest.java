package org.forumkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.Context;
import org.apache.catalina.session.ManagerBase;
import org.forumkit.model.TopicId;
import org.forumkit.tck.ForumFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * The limits a public site needs (forum-examples/README.md, "Limits"), on the demo with small numbers so that a test
 * can reach them: 4 worker threads, a 2 s body deadline, 4 sessions, 2 API requests a second with a burst of 10 per
 * client address. Clients come from distinct loopback addresses (127.x.y.z) where the rate limit would mix them.
 * Times are printed, not asserted; waits are bounded.
 */
@Tag("h2")
@DisplayName("The demo's server limits: headers, bodies, slow clients, sessions, rate, views")
class ServerLimitsTest {
    private static final int THREADS = 4;
    private static final int MAX_SESSIONS = 4;
    private static final int BURST = 10;
    /**
     * One token back every 5 s: slow enough that the burst and the refused requests after it (12 in all) finish before
     * a token returns even on a loaded machine (at 2 a second, 11 requests taking over half a second let one through).
     */
    private static final double REFILL_PER_SECOND = 0.2;

    @TempDir
    static Path data;
    static DemoApp app;

    @BeforeAll
    static void start() throws Exception {
        app = DemoApp.start(new DemoConfig(0, null, null, null, data), Map.of(
                "server.tomcat.threads.max", THREADS, "server.tomcat.threads.min-spare", 1,
                "server.tomcat.connection-timeout", "5s", "forumkit.api.body-read-timeout", "2s",
                "forumkit.demo.form-read-timeout", "2s",
                "forumkit.demo.max-sessions", MAX_SESSIONS,
                "forumkit.api.rate-limit.requests-per-second", REFILL_PER_SECOND, "forumkit.api.rate-limit.burst", BURST));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static ManagerBase sessionStore() {
        Context context = (Context) ((TomcatWebServer) ((WebServerApplicationContext) app.context()).getWebServer())
                .getTomcat().getHost().findChildren()[0];
        return (ManagerBase) context.getManager();
    }

    static RawHttp.Response get(String from, String path) throws IOException {
        return RawHttp.exchange(app.port(), from, RawHttp.get(path, ""), 15_000);
    }

    /** No stack trace, no framework or server name, no Tomcat report page. */
    static void clean(RawHttp.Response response) {
        assertThat(response.body()).as(response.head()).doesNotContain("\tat ").doesNotContain("Exception")
                .doesNotContain("Tomcat").doesNotContain("springframework").doesNotContain("Whitelabel");
    }

    @Test
    @DisplayName("a head over 16 KB (a header or the URL) is a clean 400, not a reset, and the server goes on")
    void hugeHeads() throws Exception {
        RawHttp.Response header = RawHttp.exchange(app.port(), null,
                RawHttp.get("/", "X-Big: " + "a".repeat(20_000) + "\r\n"), 15_000);
        assertThat(header.status()).as(header.head()).isIn(400, 431);
        clean(header);
        RawHttp.Response url = RawHttp.exchange(app.port(), null, RawHttp.get("/?q=" + "b".repeat(20_000), ""), 15_000);
        assertThat(url.status()).as(url.head()).isIn(400, 414, 431);
        clean(url);
        RawHttp.Response cookies = RawHttp.exchange(app.port(), null,
                RawHttp.get("/api/boards", "Cookie: " + "c=d; ".repeat(4_000) + "\r\n"), 15_000);
        assertThat(cookies.status()).as(cookies.head()).isIn(400, 431);
        assertThat(get(null, "/login").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("a 1 MB body to the API, by Content-Length or chunked, is answered 413 JSON that the client reads whole")
    void hugeBodies() throws Exception {
        byte[] body = ("{\"body\":\"" + "x".repeat(1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        String head = "POST /api/topics/1/replies HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
        RawHttp.Response byLength = RawHttp.exchange(app.port(), "127.0.5.1",
                concat((head + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8), body),
                15_000);
        assertThat(byLength.status()).as(byLength.head()).isEqualTo(413);
        assertThat(byLength.body()).contains("\"error\":\"PAYLOAD_TOO_LARGE\"");

        StringBuilder chunked = new StringBuilder(head + "Transfer-Encoding: chunked\r\n\r\n");
        String piece = "y".repeat(16 * 1024);
        for (int i = 0; i < 64; i++) {
            chunked.append(Integer.toHexString(piece.length())).append("\r\n").append(piece).append("\r\n");
        }
        chunked.append("0\r\n\r\n");
        RawHttp.Response byChunks = RawHttp.exchange(app.port(), "127.0.5.2", chunked.toString(), 15_000);
        assertThat(byChunks.status()).as(byChunks.head()).isEqualTo(413);
        assertThat(byChunks.body()).contains("\"error\":\"PAYLOAD_TOO_LARGE\"");
    }

    @Test
    @DisplayName("30 clients sending their heads a byte a second hold no worker: a normal request is answered")
    void slowHeads() throws Exception {
        int clients = THREADS * 8 - 2;
        List<Socket> slow = new ArrayList<>();
        ExecutorService drip = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < clients; i++) {
                Socket socket = RawHttp.connect(app.port(), "127.0.6." + (i + 1), 15_000);
                socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(
                        StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            AtomicInteger closed = new AtomicInteger();
            Future<?> dripping = drip.submit(() -> dripBytes(slow, 6, closed));
            Thread.sleep(1_500);
            long started = System.nanoTime();
            RawHttp.Response normal = get("127.0.6.200", "/api/boards");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat(normal.status()).isEqualTo(200);
            RawHttp.Response page = get("127.0.6.201", "/login");
            assertThat(page.status()).isEqualTo(200);
            dripping.get(30, TimeUnit.SECONDS);
            System.out.printf("slow heads: %d clients at a byte a second, %d workers: a normal request answered in %d ms;"
                    + " %d slow connections closed by the server within 6 s%n", clients, THREADS, millis, closed.get());
        } finally {
            drip.shutdownNow();
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    @DisplayName("clients sending an API body a byte a second get 408 at the body deadline, and free their workers")
    void slowBodies() throws Exception {
        Dripped dripped = drip("127.0.7.", "POST /api/topics/1/replies HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                + "application/json\r\nContent-Length: 1000\r\n\r\n{\"body\":\"", "/api/boards");
        for (RawHttp.Response response : dripped.answers()) {
            assertThat(response.status()).as(response.head()).isEqualTo(408);
            assertThat(response.body()).contains("\"error\":\"REQUEST_TIMEOUT\"");
        }
        System.out.printf("slow bodies: %d clients at a byte a second, %d workers, 2 s deadline: %d answered 408;"
                + " a normal request waited %d ms for a worker%n", dripped.answers().size(), THREADS,
                dripped.answers().size(), dripped.normalMillis());
    }

    @Test
    @DisplayName("clients sending a page's form post a byte a second get the 408 page at the form deadline, and free"
            + " their workers")
    void slowForms() throws Exception {
        Dripped dripped = drip("127.0.8.", "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                + "application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nuser=", "/login");
        for (RawHttp.Response response : dripped.answers()) {
            assertThat(response.status()).as(response.head()).isEqualTo(408);
            clean(response);
        }
        System.out.printf("slow forms: %d clients at a byte a second, %d workers, 2 s deadline: all answered 408;"
                + " a normal request waited %d ms for a worker%n", dripped.answers().size(), THREADS,
                dripped.normalMillis());
    }

    /** What the dripping clients were answered, and how long a normal request beside them waited. */
    record Dripped(List<RawHttp.Response> answers, long normalMillis) {
    }

    /**
     * Twice as many clients as workers, each from its own address under {@code from}, send {@code head} and then a
     * byte a second (at most 30) until answered; meanwhile a normal GET of {@code normalPath} must be answered 200.
     */
    private static Dripped drip(String from, String head, String normalPath) throws Exception {
        int clients = THREADS * 2;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<RawHttp.Response>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String address = from + (i + 1);
                answers.add(pool.submit(() -> {
                    try (Socket socket = RawHttp.connect(app.port(), address, 20_000)) {
                        OutputStream out = socket.getOutputStream();
                        out.write(head.getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        for (int n = 0; n < 30 && socket.getInputStream().available() == 0; n++) {
                            try {
                                out.write('z');
                                out.flush();
                            } catch (IOException closedByServer) {
                                break;
                            }
                            Thread.sleep(1_000);
                        }
                        return RawHttp.read(socket.getInputStream());
                    }
                }));
            }
            Thread.sleep(1_000);
            long started = System.nanoTime();
            RawHttp.Response normal = get(from + "200", normalPath);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertThat(normal.status()).isEqualTo(200);
            List<RawHttp.Response> answered = new ArrayList<>();
            for (Future<RawHttp.Response> answer : answers) {
                answered.add(answer.get(30, TimeUnit.SECONDS));
            }
            return new Dripped(answered, millis);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("10,000 cookieless requests to pages and the API create no session; the store's bound refuses a 5th"
            + " sign-in with 503 until one signs out")
    void sessions() throws Exception {
        ManagerBase manager = sessionStore();
        long created = manager.getSessionCounter();
        String[] paths = {"/", "/topics/1", "/login", "/boards/news-media", "/api/session", "/api/boards",
            "/api/topics/1", "/api/comments?key=article-civil-affairs", "/topics/1/floors/2", "/search?q=forum"};
        HttpClient http = HttpClient.newHttpClient();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        long started = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        for (int t = 0; t < 8; t++) {
            work.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < 10_000; ) {
                    HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(app.url()
                            + paths[i % paths.length].substring(1))).build(), HttpResponse.BodyHandlers.discarding());
                    statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                    assertThat(response.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(
                            "FORUMKIT_SESSION="));
                }
                return null;
            }));
        }
        for (Future<?> done : work) {
            done.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.printf("sessions: 10,000 cookieless requests in %d ms, statuses %s: %d sessions created, %d active%n",
                millis, statuses, manager.getSessionCounter() - created, manager.getActiveSessions());
        assertThat(manager.getSessionCounter() - created).as("sessions created by anonymous requests").isZero();
        assertThat(statuses.keySet()).as("200s, a floor's 303 to its page, the API's 429s")
                .allMatch(s -> s == 200 || s == 303 || s == 429);

        List<DemoClient> members = new ArrayList<>();
        int active = manager.getActiveSessions();
        for (String user : List.of("alice", "bob", "carol", "mod").subList(0, MAX_SESSIONS - active)) {
            members.add(new DemoClient(app.url()).signIn(user));
        }
        DemoClient dave = new DemoClient(app.url());
        DemoClient.Reply full = dave.form("/login", "user", "dave", "next", "/");
        assertThat(full.status()).as(full.text()).isEqualTo(503);
        assertThat(full.raw().headers().firstValue("Retry-After")).contains("60");
        assertThat(full.text()).contains("当前登录的访客太多").doesNotContain("Exception");
        assertThat(manager.getActiveSessions()).isEqualTo(MAX_SESSIONS);
        assertThat(members.get(0).get("/").text()).as("who is signed in stays signed in").contains("id=\"me\"");

        assertThat(members.get(0).form("/logout").status()).isEqualTo(303);
        assertThat(dave.form("/login", "user", "dave", "next", "/").status()).isEqualTo(303);
        for (DemoClient member : members.subList(1, members.size())) {
            member.form("/logout");
        }
        dave.form("/logout");
    }

    @Test
    @DisplayName("the API's rate per client address: a burst of 10, then 429 RATE_LIMITED with Retry-After; a forged"
            + " X-Forwarded-For buys no new bucket, another address has its own")
    void rateLimit() throws Exception {
        for (int i = 0; i < BURST; i++) {
            assertThat(get("127.0.8.1", "/api/boards").status()).isEqualTo(200);
        }
        RawHttp.Response limited = get("127.0.8.1", "/api/boards");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body()).contains("\"error\":\"RATE_LIMITED\"");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
        clean(limited);
        RawHttp.Response forged = RawHttp.exchange(app.port(), "127.0.8.1",
                RawHttp.get("/api/boards", "X-Forwarded-For: 203.0.113.9\r\n"), 15_000);
        assertThat(forged.status()).isEqualTo(429);
        assertThat(get("127.0.8.2", "/api/boards").status()).isEqualTo(200);
        assertThat(get("127.0.8.1", "/login").status()).as("pages are not the API's rate").isEqualTo(200);
        Thread.sleep((long) (1_000 / REFILL_PER_SECOND) + 100);
        assertThat(get("127.0.8.1", "/api/boards").status()).as("tokens come back, one every 5 s").isEqualTo(200);
    }

    @Test
    @DisplayName("cookieless requests for a topic count one view per client address, not one per request")
    void views() throws Exception {
        app.forum().views().flush();
        long before = topicViews();
        for (int i = 0; i < 5; i++) {
            assertThat(get("127.0.9.1", "/api/topics/1").status()).isEqualTo(200);
            assertThat(get("127.0.9.1", "/topics/1").status()).isEqualTo(200);
        }
        assertThat(get("127.0.9.2", "/topics/1").status()).isEqualTo(200);
        app.forum().views().flush();
        assertThat(topicViews() - before).isEqualTo(2);
    }

    static long topicViews() {
        return app.forum().topics().get(ForumFixtures.ADMIN, TopicId.of(1)).views();
    }

    private static void dripBytes(List<Socket> sockets, int seconds, AtomicInteger closed) {
        for (int s = 0; s < seconds; s++) {
            for (Socket socket : sockets) {
                try {
                    socket.getOutputStream().write('x');
                } catch (IOException e) {
                    closed.incrementAndGet();
                }
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
