package org.forumkit.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.forumkit.DeliverySettings;
import org.forumkit.Forum;
import org.forumkit.ForumSettings;
import org.forumkit.ValidationException;
import org.forumkit.memory.InMemoryForumStore;
import org.forumkit.model.Delivery;
import org.forumkit.model.DeliveryRun;
import org.forumkit.model.DeliveryState;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Reply;
import org.forumkit.model.Topic;
import org.forumkit.model.UserId;
import org.forumkit.spi.UserDirectory;
import org.forumkit.tck.ForumFixtures;
import org.forumkit.tck.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook sender against a real HTTP server on 127.0.0.1 (the JDK's), through the forum's delivery worker. */
class WebhookSenderTest {
    private static final String SECRET = "a webhook secret of the receiver";
    private static final byte[] KEY = "webhook test unsubscribe key, 32 bytes+".getBytes(StandardCharsets.UTF_8);

    /** What the server got: headers and body of each request. */
    record Received(Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private final AtomicInteger status = new AtomicInteger(204);
    private volatile Duration stall = Duration.ZERO;
    private HttpServer server;
    private MutableClock clock;
    private Forum forum;
    private ForumFixtures given;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", this::answer);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        server.start();
        clock = MutableClock.atSeedTime();
        forum = forum(sender(true, Duration.ofSeconds(2)));
        given = new ForumFixtures(forum);
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body));
        try {
            Thread.sleep(stall.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int code = status.get();
        if (code == 302) {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
        }
        exchange.sendResponseHeaders(code, -1);
        exchange.close();
    }

    private URI hook() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    private WebhookSender sender(boolean allowPrivate, Duration timeout) {
        return WebhookSender.builder(user -> user.value().equals("alice")
                ? Optional.of(new WebhookEndpoint(hook(), SECRET)) : Optional.empty())
                .allowPrivateAddresses(allowPrivate).timeouts(Duration.ofSeconds(2), timeout).clock(clock).build();
    }

    private Forum forum(WebhookSender sender) {
        if (forum != null) {
            forum.close();
        }
        return Forum.builder().store(new InMemoryForumStore()).clock(clock)
                .settings(ForumSettings.defaults().withViewFlushInterval(Duration.ZERO))
                .notifications(UserDirectory.ROLELESS).sender(sender)
                .deliverySettings(DeliverySettings.of(KEY).withBackoff(Duration.ofMinutes(1), Duration.ofHours(1)))
                .build();
    }

    @AfterEach
    void stop() {
        forum.close();
        server.stop(0);
    }

    private Delivery only() {
        List<Delivery> all = new java.util.ArrayList<>();
        for (DeliveryState s : DeliveryState.values()) {
            all.addAll(forum.deliveries().list(s, PageRequest.first(50)).items());
        }
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private Topic answered() {
        Topic topic = given.topic();
        clock.advance(Duration.ofSeconds(1));
        forum.posts().reply(ForumFixtures.BOB, Reply.to(topic.id(), "你好 <b>webhook</b>"));
        return topic;
    }

    @Test
    void postsSignedJsonThatTheReceiverCanVerify() throws Exception {
        Topic topic = answered();
        assertThat(forum.deliveries().deliverDue(10)).isEqualTo(new DeliveryRun(1, 1, 0, 0, 0, 0));

        Received got = received.peek();
        assertThat(got.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(got.header(WebhookSignature.DELIVERY_HEADER)).isEqualTo(only().id().toString());
        String timestamp = got.header(WebhookSignature.TIMESTAMP_HEADER);
        assertThat(timestamp).isEqualTo(Long.toString(clock.instant().getEpochSecond()));
        assertThat(got.header(WebhookSignature.SIGNATURE_HEADER)).matches("sha256=[0-9a-f]{64}");
        assertThat(WebhookSignature.verify(SECRET, timestamp, got.header(WebhookSignature.SIGNATURE_HEADER),
                got.body(), clock.instant(), WebhookSignature.DEFAULT_TOLERANCE)).isTrue();

        JsonNode json = new ObjectMapper().readTree(got.body());
        assertThat(json.get("recipient").asText()).isEqualTo("alice");
        assertThat(json.at("/notification/kind").asText()).isEqualTo("REPLIED");
        assertThat(json.at("/notification/topicId").asLong()).isEqualTo(topic.id().value());
        assertThat(json.at("/notification/actor/name").asText()).isEqualTo("鲍勃");
        assertThat(json.get("topicTitle").asText()).isEqualTo(topic.title());
        assertThat(json.at("/text/zh-CN").asText()).contains("鲍勃 回复了您的帖子");
        assertThat(json.at("/text/en").asText()).contains("replied to you");
        assertThat(only().state()).isEqualTo(DeliveryState.DELIVERED);
    }

    @Test
    void signaturesOfAlteredStaleOrForeignRequestsFail() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        long t = now.getEpochSecond();
        String good = WebhookSignature.sign(SECRET, t, body);
        Duration window = WebhookSignature.DEFAULT_TOLERANCE;
        assertThat(WebhookSignature.verify(SECRET, Long.toString(t), good, body, now, window)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, Long.toString(t), good, "{\"a\":2}".getBytes(), now, window))
                .isFalse();
        assertThat(WebhookSignature.verify("another secret entirely", Long.toString(t), good, body, now, window))
                .isFalse();
        assertThat(WebhookSignature.verify(SECRET, Long.toString(t + 1), good, body, now, window)).isFalse();
        // a replay after the window, even with its genuine signature
        assertThat(WebhookSignature.verify(SECRET, Long.toString(t), good, body, now.plus(Duration.ofMinutes(6)),
                window)).isFalse();
        for (String[] bad : List.of(new String[] {"abc", good}, new String[] {Long.toString(t), "sha1=00"},
                new String[] {Long.toString(t), "sha256=zz"}, new String[] {Long.toString(t), good.substring(0, 20)},
                new String[] {"99999999999999999999999", good}, new String[] {null, good})) {
            assertThat(WebhookSignature.verify(SECRET, bad[0], bad[1], body, now, window)).isFalse();
        }
    }

    @Test
    void aServerErrorIsRetriedWithTheSameDeliveryIdAndThenDelivered() {
        answered();
        status.set(500);
        assertThat(forum.deliveries().deliverDue(10).retrying()).isEqualTo(1);
        assertThat(only()).satisfies(d -> {
            assertThat(d.state()).isEqualTo(DeliveryState.PENDING);
            assertThat(d.lastError()).isEqualTo("the endpoint answered 500");
        });
        status.set(200);
        clock.advance(Duration.ofMinutes(1));
        assertThat(forum.deliveries().deliverDue(10).delivered()).isEqualTo(1);
        assertThat(received).hasSize(2).extracting(r -> r.header(WebhookSignature.DELIVERY_HEADER)).containsOnly(
                only().id().toString());
    }

    @Test
    void anEndpointThatHangsTimesOutAndIsRetried() {
        forum = forum(sender(true, Duration.ofMillis(300)));
        given = new ForumFixtures(forum);
        answered();
        stall = Duration.ofSeconds(3);
        assertThat(forum.deliveries().deliverDue(10).retrying()).isEqualTo(1);
        assertThat(only().lastError()).contains("did not answer within PT0.3S");
    }

    @Test
    void aClientErrorOrARedirectIsDeadAtOnce() {
        answered();
        status.set(302);
        assertThat(forum.deliveries().deliverDue(10).dead()).isEqualTo(1);
        assertThat(only().lastError()).contains("302").contains("redirects are not followed");
        assertThat(received).hasSize(1);
    }

    @Test
    void privateAddressesAreRefusedUnlessAllowedAndNoRequestIsMade() {
        forum = forum(sender(false, Duration.ofSeconds(2)));
        given = new ForumFixtures(forum);
        answered();
        assertThat(forum.deliveries().deliverDue(10).dead()).isEqualTo(1);
        assertThat(only().lastError()).contains("private_address");
        assertThat(received).isEmpty();

        WebhookSender strict = sender(false, Duration.ofSeconds(1));
        Map<String, String> refused = Map.of("ftp://example.com/x", "bad_scheme", "file:///etc/passwd", "bad_scheme",
                "javascript:alert(1)", "bad_scheme", "http:///nohost", "bad_scheme",
                "http://127.0.0.1:8080/", "private_address", "http://10.1.2.3/", "private_address",
                "http://192.168.0.1/", "private_address", "http://169.254.169.254/latest/", "private_address",
                "http://[::1]/", "private_address", "http://[fd00::1]/", "private_address");
        refused.forEach((uri, code) -> assertThatThrownBy(() -> strict.checkEndpoint(URI.create(uri)))
                .as(uri).isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.hasViolation("url", code)).isTrue()));
        assertThatThrownBy(() -> strict.checkEndpoint(URI.create("http://100.64.0.1/"))).isInstanceOf(
                ValidationException.class);
        strict.checkEndpoint(URI.create("https://93.184.216.34/hook"));
        sender(true, Duration.ofSeconds(1)).checkEndpoint(hook());
    }

    @Test
    void aRecipientWithoutAnEndpointIsSkipped() {
        Topic topic = given.topic(given.board(), ForumFixtures.CAROL);
        clock.advance(Duration.ofSeconds(1));
        forum.posts().reply(ForumFixtures.BOB, Reply.to(topic.id(), "给卡罗尔"));
        assertThat(forum.deliveries().deliverDue(10).skipped()).isEqualTo(1);
        assertThat(only().recipient()).isEqualTo(UserId.of("carol"));
        assertThat(received).isEmpty();
    }

    @Test
    void badConfigurationIsRefusedWhenBuilt() {
        assertThatThrownBy(() -> new WebhookEndpoint(hook(), "short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSender.builder(u -> Optional.empty()).timeouts(Duration.ZERO,
                Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
