package org.forumkit.jpa.spring;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.forumkit.jpa.spring.host.EntityScanHostApp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The Spring Boot host on an in-memory H2 database, left to Spring Boot's default {@code ddl-auto}. */
@Tag("h2")
class H2SpringBootHostTest extends SpringBootHostContract {
    private final String url = "jdbc:h2:mem:spring-host-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Override
    protected Map<String, Object> database() {
        return Map.of("spring.datasource.url", url, "spring.datasource.username", "sa",
                "spring.datasource.password", "");
    }

    @Override
    protected Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "sa", "");
    }

    @Override
    protected String historyTable() {
        return "\"fk_schema_history\""; // Flyway quotes it, so H2 keeps it in lower case
    }

    @Test
    @DisplayName("the host's and the forum's entities share the persistence unit, with and without the host's @EntityScan")
    void entitiesRegisteredWithAndWithoutEntityScan() {
        assertThat(entityNames(start(Map.of()))).contains("Note", "ForumkitPost", "ForumkitTopic");
        // A separate database: the host's own tables and the forum's are both made there again.
        ConfigurableApplicationContext scanned = new org.springframework.boot.builder.SpringApplicationBuilder(
                EntityScanHostApp.class).web(org.springframework.boot.WebApplicationType.NONE)
                .properties(Map.of("spring.datasource.url", "jdbc:h2:mem:spring-scan-" + UUID.randomUUID(),
                        "spring.main.banner-mode", "off"))
                .run();
        try {
            assertThat(entityNames(scanned)).contains("Note", "ForumkitPost", "ForumkitTopic");
        } finally {
            scanned.close();
        }
    }

    private static java.util.List<String> entityNames(ConfigurableApplicationContext context) {
        return context.getBean(EntityManagerFactory.class).getMetamodel().getEntities().stream()
                .map(jakarta.persistence.metamodel.EntityType::getName).toList();
    }
}
