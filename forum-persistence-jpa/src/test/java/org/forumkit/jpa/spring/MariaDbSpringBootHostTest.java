package org.forumkit.jpa.spring;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.forumkit.jpa.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Spring Boot host on the MariaDB test server. */
@Tag("mariadb")
class MariaDbSpringBootHostTest extends SpringBootHostContract {

    @Override
    protected Map<String, Object> database() {
        return ServerHost.properties(TestServer.MARIADB);
    }

    @Override
    protected void afterHosts() {
        ServerHost.dropHostTable(TestServer.MARIADB);
    }

    @Test
    @DisplayName("a real deadlock between two host transactions is not retried by the store")
    void hostDeadlock() throws Exception {
        hostDeadlockIsNotRetried();
    }

    @Override
    protected Connection connect() throws SQLException {
        return TestServer.MARIADB.connect();
    }
}
