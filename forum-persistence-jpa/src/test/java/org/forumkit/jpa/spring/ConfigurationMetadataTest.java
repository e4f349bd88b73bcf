package org.forumkit.jpa.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What an IDE and Spring Boot read from the jar: the properties' metadata and the auto-configurations. */
class ConfigurationMetadataTest {

    @Test
    @DisplayName("every forumkit.* property is in the generated metadata, with a description")
    void metadata() throws IOException {
        JsonNode metadata;
        try (InputStream in = resource("META-INF/spring-configuration-metadata.json")) {
            metadata = new ObjectMapper().readTree(in);
        }
        List<String> names = new ArrayList<>();
        for (JsonNode property : metadata.get("properties")) {
            names.add(property.get("name").asText());
            assertThat(property.path("description").asText()).as(property.get("name").asText()).isNotBlank();
        }
        assertThat(names).containsExactlyInAnyOrder("forumkit.max-title-length", "forumkit.max-body-length",
                "forumkit.max-name-length", "forumkit.max-quote-length", "forumkit.max-quotes-per-post",
                "forumkit.max-page-size", "forumkit.self-vote-allowed", "forumkit.moderator-role",
                "forumkit.admin-role", "forumkit.view-window", "forumkit.view-flush-interval",
                "forumkit.store.max-attempts", "forumkit.store.backoff", "forumkit.migrations.enabled",
                "forumkit.migrations.dialect", "forumkit.migrations.table", "forumkit.viewer.display-name",
                "forumkit.viewer.role-prefix", "forumkit.api.enabled", "forumkit.api.base-path",
                "forumkit.api.comments-board", "forumkit.api.max-body-size", "forumkit.api.default-page-size",
                "forumkit.api.cors.allowed-origins", "forumkit.api.cors.allowed-origin-patterns",
                "forumkit.api.cors.max-age", "forumkit.api.body-read-timeout",
                "forumkit.api.max-json-depth", "forumkit.api.rate-limit.enabled",
                "forumkit.api.rate-limit.requests-per-second", "forumkit.api.rate-limit.burst",
                "forumkit.api.rate-limit.max-clients", "forumkit.widget.enabled",
                "forumkit.widget.path", "forumkit.widget.login-url", "forumkit.widget.max-age",
                "forumkit.deliveries.enabled", "forumkit.deliveries.interval", "forumkit.deliveries.batch",
                "forumkit.deliveries.shutdown-wait", "forumkit.deliveries.unsubscribe-path", "forumkit.feeds.enabled",
                "forumkit.feeds.site-url", "forumkit.feeds.board-page", "forumkit.feeds.topic-page",
                "forumkit.feeds.post-page", "forumkit.feeds.entries",
                "forumkit.search.max-query-length", "forumkit.search.max-terms", "forumkit.search.max-hits-per-page",
                "forumkit.search.min-word-length", "forumkit.search.min-cjk-length", "forumkit.search.per-member",
                "forumkit.search.anonymous", "forumkit.search.window");

    }

    @Test
    @DisplayName("Spring Boot finds the six auto-configurations")
    void imports() throws IOException {
        String imports;
        try (InputStream in = resource("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
            imports = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(imports.lines().toList()).containsExactly(ForumkitAutoConfiguration.class.getName(),
                ForumkitSecurityAutoConfiguration.class.getName(), ForumkitWebMvcAutoConfiguration.class.getName(),
                org.forumkit.jpa.spring.web.ForumkitApiAutoConfiguration.class.getName(),
                org.forumkit.jpa.spring.web.ForumkitWidgetAutoConfiguration.class.getName(),
                org.forumkit.jpa.spring.web.ForumkitFeedsAndUnsubscribeAutoConfiguration.class.getName());
    }

    private static InputStream resource(String name) {
        InputStream in = ConfigurationMetadataTest.class.getClassLoader().getResourceAsStream(name);
        assertThat(in).as(name).isNotNull();
        return in;
    }
}
