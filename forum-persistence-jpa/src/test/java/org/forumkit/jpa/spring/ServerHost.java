package org.forumkit.jpa.spring;

import java.util.Map;
import org.forumkit.jpa.testing.TestServer;

/** Spring Boot properties that put the host on a test server's database, with a small pool. */
final class ServerHost {
    private ServerHost() {
    }

    static Map<String, Object> properties(TestServer server) {
        return Map.of("spring.datasource.url", server.url(),
                "spring.datasource.username", server.user(),
                "spring.datasource.password", server.password(),
                "spring.datasource.hikari.maximum-pool-size", "4",
                "spring.datasource.hikari.minimum-idle", "0",
                // Creates the host's own table; the forum's are already there, made by its migrations.
                "spring.jpa.hibernate.ddl-auto", "update");
    }
}
