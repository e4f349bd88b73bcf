package org.forumkit.jpa.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import org.forumkit.ConcurrentUpdateException;
import org.forumkit.OutcomeUnknownException;
import org.forumkit.StateConflictException;
import org.forumkit.StoreUnavailableException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.orm.jpa.JpaSystemException;

/**
 * What the API answers for a database fault (the HTTP harness, forum-examples' {@code DemoFaultsTest}, drives each
 * through real servers): typed JSON with a retry hint, never 500 with the driver's text.
 */
@DisplayName("The API's answers to database faults")
class ApiFaultAnswersTest {
    private final ApiJson json = new ApiJson();
    private final ForumkitApiExceptionHandler handler = new ForumkitApiExceptionHandler(json);

    private JsonNode body(ResponseEntity<byte[]> answer) throws Exception {
        return json.mapper().readTree(answer.getBody());
    }

    @Test
    void unreachableDatabaseIs503WithRetryAfterAndNoDriverText() throws Exception {
        ResponseEntity<byte[]> answer = handler.conflict(new StoreUnavailableException("no database connection: FATAL:"
                + " terminating connection due to administrator command", null), Locale.ENGLISH);
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(body(answer).get("error").asText()).isEqualTo("UNAVAILABLE");
        assertThat(body(answer).get("message").asText()).contains("nothing was stored").doesNotContain("FATAL");
        assertThat(body(handler.conflict(new StoreUnavailableException("x", null), Locale.SIMPLIFIED_CHINESE))
                .get("message").asText()).contains("数据库");
    }

    @Test
    void retryableConflictIs409WithRetryAfterAStateConflictWithout() throws Exception {
        ResponseEntity<byte[]> busy = handler.conflict(new ConcurrentUpdateException("deadlock"), Locale.ENGLISH);
        assertThat(busy.getStatusCode().value()).isEqualTo(409);
        assertThat(busy.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(body(busy).get("error").asText()).isEqualTo("CONFLICT");
        ResponseEntity<byte[]> state = handler.conflict(new StateConflictException("the topic is locked"),
                Locale.ENGLISH);
        assertThat(state.getStatusCode().value()).isEqualTo(409);
        assertThat(state.getHeaders().getFirst("Retry-After")).isNull();
    }

    @Test
    void lostCommitIs503OutcomeUnknownWithoutRetryAfter() throws Exception {
        ResponseEntity<byte[]> answer = handler.outcomeUnknown(new OutcomeUnknownException("lost", null),
                Locale.ENGLISH);
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isNull();
        assertThat(body(answer).get("error").asText()).isEqualTo("OUTCOME_UNKNOWN");
    }

    @Test
    void aLostConnectionOutsideTheStoreIs503NotInternal() throws Exception {
        ResponseEntity<byte[]> lost = handler.unexpected(new JpaSystemException(new RuntimeException(
                new SQLException("An I/O error occurred while sending to the backend.", "08006"))), Locale.ENGLISH);
        assertThat(lost.getStatusCode().value()).isEqualTo(503);
        assertThat(body(lost).get("error").asText()).isEqualTo("UNAVAILABLE");
        assertThat(handler.unexpected(new SQLTransientConnectionException("pool: request timed out"), Locale.ENGLISH)
                .getStatusCode().value()).isEqualTo(503);
        assertThat(handler.unexpected(new IllegalStateException("a bug"), Locale.ENGLISH).getStatusCode().value())
                .isEqualTo(500);
    }
}
