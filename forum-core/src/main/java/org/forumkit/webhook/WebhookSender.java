package org.forumkit.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.forumkit.ValidationException;
import org.forumkit.Violation;
import org.forumkit.model.DeliveryChannel;
import org.forumkit.model.Notification;
import org.forumkit.model.UserId;
import org.forumkit.spi.DeliveryException;
import org.forumkit.spi.NotificationSender;
import org.forumkit.spi.OutgoingNotification;

/**
 * Posts each notification as JSON to the recipient's endpoint, signed as {@link WebhookSignature} describes, with a
 * connect and a request time-out, never following redirects. Only {@code http} and {@code https} endpoints are
 * called, and by default none whose host resolves to a loopback, private, link-local, shared (100.64/10), unique-local
 * or multicast address (a user could otherwise point the forum at the host's own network); tests and intranets turn
 * that off with {@link Builder#allowPrivateAddresses}. The check resolves the name before the request, which
 * resolves it again: a host that fears DNS rebinding sends through an egress proxy that enforces the same rule.
 *
 * <p>2xx is delivered; 408, 425, 429, 5xx, time-outs and network errors are retried; other answers (a redirect, 4xx)
 * and refused addresses make the delivery DEAD; a recipient without an endpoint is SKIPPED.
 */
public final class WebhookSender implements NotificationSender {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<UserId, Optional<WebhookEndpoint>> endpoints;
    private final DeliveryChannel channel;
    private final Duration requestTimeout;
    private final boolean allowPrivate;
    private final Clock clock;
    private final HttpClient client;

    private WebhookSender(Builder b) {
        this.endpoints = b.endpoints;
        this.channel = b.channel;
        this.requestTimeout = b.requestTimeout;
        this.allowPrivate = b.allowPrivate;
        this.clock = b.clock;
        this.client = HttpClient.newBuilder().connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A sender that looks up each recipient's endpoint (empty: they have none, the delivery is skipped). */
    public static Builder builder(Function<UserId, Optional<WebhookEndpoint>> endpoints) {
        return new Builder(endpoints);
    }

    @Override
    public DeliveryChannel channel() {
        return channel;
    }

    /**
     * Checks an endpoint a user wants to register, before it is stored: {@code url}: {@code bad_scheme} for anything
     * but http(s) or without a host, {@code private_address} for a host on a private network (unless allowed),
     * {@code unresolvable} for a name that does not resolve.
     */
    public void checkEndpoint(URI uri) {
        String refused = refusal(Objects.requireNonNull(uri, "uri"));
        if (refused != null) {
            throw new ValidationException(List.of(Violation.of("url", refused)));
        }
    }

    /** Why an endpoint is refused, or {@code null}. */
    private String refusal(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getHost().isEmpty()) {
            return "bad_scheme";
        }
        if (allowPrivate) {
            return null;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (isPrivate(address)) {
                    return "private_address";
                }
            }
        } catch (UnknownHostException e) {
            return "unresolvable";
        }
        return null;
    }

    static boolean isPrivate(InetAddress a) {
        byte[] b = a.getAddress();
        boolean shared = b.length == 4 && (b[0] & 0xFF) == 100 && (b[1] & 0xC0) == 64;
        boolean thisNetwork = b.length == 4 && b[0] == 0;
        boolean uniqueLocal = b.length == 16 && (b[0] & 0xFE) == 0xFC;
        return a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress() || shared || thisNetwork || uniqueLocal;
    }

    @Override
    public void send(OutgoingNotification n) {
        WebhookEndpoint endpoint = endpoints.apply(n.recipient().id()).orElseThrow(
                () -> DeliveryException.skip("the recipient has no webhook endpoint"));
        String refused = refusal(endpoint.uri());
        if ("unresolvable".equals(refused)) {
            throw DeliveryException.retry("the endpoint's host does not resolve: " + endpoint.uri().getHost(), null);
        }
        if (refused != null) {
            throw DeliveryException.dead("the endpoint is refused (" + refused + "): " + endpoint.uri(), null);
        }
        byte[] body = body(n);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(endpoint.uri()).timeout(requestTimeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Forumkit-Webhook")
                .header(WebhookSignature.DELIVERY_HEADER, n.deliveryId().toString())
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(endpoint.secret(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        int status;
        try {
            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (HttpTimeoutException e) {
            throw DeliveryException.retry("the endpoint did not answer within " + requestTimeout, e);
        } catch (IOException e) {
            throw DeliveryException.retry("the endpoint could not be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryException.retry("interrupted while posting", e);
        }
        if (status >= 200 && status < 300) {
            return;
        }
        String answer = "the endpoint answered " + status;
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            throw DeliveryException.retry(answer, null);
        }
        throw DeliveryException.dead(answer + (status >= 300 && status < 400 ? " (redirects are not followed)" : ""),
                null);
    }

    /** The JSON body: ids and small values, the title, and the line in both shipped languages. */
    private static byte[] body(OutgoingNotification n) {
        Notification note = n.entry().notification();
        ObjectNode root = JSON.createObjectNode();
        root.put("delivery", n.deliveryId().value());
        root.put("attempt", n.attempt());
        root.put("recipient", n.recipient().id().value());
        ObjectNode json = root.putObject("notification");
        json.put("id", note.id().value());
        json.put("kind", note.kind().name());
        json.put("kindCode", note.kind().code());
        note.optionalTopicId().ifPresent(t -> json.put("topicId", t.value()));
        note.optionalPostId().ifPresent(p -> json.put("postId", p.value()));
        json.put("floor", note.floor());
        json.put("count", note.count());
        note.optionalActor().ifPresent(a -> json.putObject("actor").put("id", a.id().value())
                .put("name", a.displayName()));
        note.optionalDetail().ifPresent(d -> json.put("detail", d));
        json.put("createdAt", note.createdAt().toString());
        json.put("updatedAt", note.updatedAt().toString());
        root.put("topicTitle", n.entry().topicTitle());
        root.putObject("text").put("en", n.text(Locale.ENGLISH)).put("zh-CN", n.text(Locale.SIMPLIFIED_CHINESE));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Configures a {@link WebhookSender}. */
    public static final class Builder {
        private final Function<UserId, Optional<WebhookEndpoint>> endpoints;
        private DeliveryChannel channel = DeliveryChannel.WEBHOOK;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private boolean allowPrivate;
        private Clock clock = Clock.systemUTC();

        private Builder(Function<UserId, Optional<WebhookEndpoint>> endpoints) {
            this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        }

        /** The channel name, {@code webhook} by default. */
        public Builder channel(DeliveryChannel channel) {
            this.channel = Objects.requireNonNull(channel, "channel");
            return this;
        }

        /** How long connecting may take (5 s by default) and the whole request (10 s); keep both under the lease. */
        public Builder timeouts(Duration connect, Duration request) {
            for (Duration d : List.of(Objects.requireNonNull(connect, "connect"),
                    Objects.requireNonNull(request, "request"))) {
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("time-outs must be positive, was " + d);
                }
            }
            this.connectTimeout = connect;
            this.requestTimeout = request;
            return this;
        }

        /** Whether endpoints on loopback and private networks may be called (not by default). */
        public Builder allowPrivateAddresses(boolean allow) {
            this.allowPrivate = allow;
            return this;
        }

        /** The clock of the signature's timestamp. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public WebhookSender build() {
            return new WebhookSender(this);
        }
    }
}
