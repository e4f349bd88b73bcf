package org.forumkit.jpa.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The API's limits: the rate per client address in bounded memory, and JSON's depth and lengths")
class ApiLimitsTest {

    @Nested
    @DisplayName("the rate limiter")
    class Rate {
        final AtomicLong now = new AtomicLong(1_000_000_000L);

        @Test
        @DisplayName("a burst, then a wait until one token is back, tokens refill at the rate up to the burst")
        void tokenBucket() {
            ApiRateLimiter limiter = new ApiRateLimiter(2, 3, 1_000, now::get);
            for (int i = 0; i < 3; i++) {
                assertThat(limiter.acquire("192.0.2.1")).isZero();
            }
            assertThat(limiter.acquire("192.0.2.1")).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
            assertThat(limiter.acquire("192.0.2.2")).as("another address, another bucket").isZero();
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
            assertThat(limiter.acquire("192.0.2.1")).isZero();
            assertThat(limiter.acquire("192.0.2.1")).isPositive();
            now.addAndGet(TimeUnit.HOURS.toNanos(1));
            for (int i = 0; i < 3; i++) {
                assertThat(limiter.acquire("192.0.2.1")).as("never more than the burst").isZero();
            }
            assertThat(limiter.acquire("192.0.2.1")).isPositive();
        }

        @Test
        @DisplayName("a million addresses leave at most max-clients buckets")
        void boundedMemory() {
            ApiRateLimiter limiter = new ApiRateLimiter(1, 1, 6_400, now::get);
            for (int i = 0; i < 1_000_000; i++) {
                limiter.acquire("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
            }
            assertThat(limiter.clients()).isLessThanOrEqualTo(6_400).isGreaterThan(6_000);
        }

        @Test
        @DisplayName("IPv6 clients count per /64; IPv4, mapped or not, per address")
        void keys() {
            assertThat(ApiRateLimiter.key("2001:db8:1:2:aaaa::1")).isEqualTo(ApiRateLimiter.key("2001:db8:1:2::99"))
                    .isNotEqualTo(ApiRateLimiter.key("2001:db8:1:3::1"));
            assertThat(ApiRateLimiter.key("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
            assertThat(ApiRateLimiter.key("192.0.2.7")).isEqualTo("192.0.2.7");
            assertThat(ApiRateLimiter.key("not:an:address:at:all:zz")).isEqualTo("not:an:address:at:all:zz");
        }

        @Test
        @DisplayName("nonsense settings are refused, naming the property")
        void settings() {
            assertThatThrownBy(() -> new ApiRateLimiter(0, 1, 1_000, now::get))
                    .hasMessageContaining("requests-per-second");
            assertThatThrownBy(() -> new ApiRateLimiter(1, 0, 1_000, now::get)).hasMessageContaining("burst");
            assertThatThrownBy(() -> new ApiRateLimiter(1, 1, 10, now::get)).hasMessageContaining("max-clients");
        }
    }

    @Nested
    @DisplayName("the JSON reader's constraints")
    class Json {
        final ApiJson json = new ApiJson(16, 1_000);

        String message(String body) {
            try {
                json.read(body.getBytes(StandardCharsets.UTF_8), "application/json", ApiBodies.ReplyRequest.class);
            } catch (ApiProblem e) {
                assertThat(e.status()).isEqualTo(400);
                return e.message(Locale.ENGLISH);
            }
            throw new AssertionError("read " + body);
        }

        @Test
        @DisplayName("10,000 levels of nesting, a string over the limit, a 100-digit number: each a 400 saying so")
        void limits() throws Exception {
            assertThat(message("{\"quote\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"))
                    .isNotBlank();
            assertThat(message("{\"x\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "}"))
                    .isNotBlank();
            assertThat(message("{\"body\":\"" + "x".repeat(1_001) + "\"}")).contains("too long a string");
            assertThat(message("{\"replyToFloor\":" + "9".repeat(100) + "}")).contains("out of range");
            assertThat(message("{\"" + "k".repeat(300) + "\":1}")).contains("field name");
            assertThatThrownBy(() -> json.mapper().readTree("[".repeat(17) + "]".repeat(17)))
                    .isInstanceOf(com.fasterxml.jackson.core.exc.StreamConstraintsException.class)
                    .hasMessageContaining("nesting depth");
            assertThat(json.mapper().readTree("[".repeat(16) + "]".repeat(16)).isArray()).isTrue();
            assertThat(json.read("{\"body\":\"ok\"}".getBytes(StandardCharsets.UTF_8), "application/json",
                    ApiBodies.ReplyRequest.class).body()).isEqualTo("ok");
        }

        @Test
        @DisplayName("a depth below what the API's own bodies need is refused at start")
        void depthSetting() {
            assertThatThrownBy(() -> new ApiJson(2, 1_000)).hasMessageContaining("forumkit.api.max-json-depth");
        }
    }
}
