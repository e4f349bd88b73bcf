package org.forumkit.jpa.spring;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.forumkit.jpa.MigratedSchema;
import org.forumkit.jpa.testing.TestServer;

/**
 * Puts the Spring Boot host on a test server's database, with a small pool. The host's own table is dropped before
 * and after: the other tests migrate the forum's schema from scratch, and Flyway refuses a schema holding a table
 * it does not know.
 */
final class ServerHost {
    static final String HOST_TABLE = "host_note";

    private ServerHost() {
    }

    private static final java.util.Set<TestServer> PREPARED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static Map<String, Object> properties(TestServer server) {
        if (PREPARED.add(server.require())) {
            // Once per JVM, before the first host: later hosts in the same run share the host's table.
            dropHostTable(server);
            MigratedSchema.on(server);
        }
        return Map.of("spring.datasource.url", server.url(),
                "spring.datasource.username", server.user(),
                "spring.datasource.password", server.password(),
                "spring.datasource.hikari.maximum-pool-size", "4",
                "spring.datasource.hikari.minimum-idle", "0",
                // Creates the host's own table; the forum's are already there, made by its migrations.
                "spring.jpa.hibernate.ddl-auto", "update");
    }

    static void dropHostTable(TestServer server) {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + HOST_TABLE);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
