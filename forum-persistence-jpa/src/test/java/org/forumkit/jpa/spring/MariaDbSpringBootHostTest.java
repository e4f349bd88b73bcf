package org.forumkit.jpa.spring;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.forumkit.jpa.MigratedSchema;
import org.forumkit.jpa.testing.TestServer;
import org.junit.jupiter.api.Tag;

/** The Spring Boot host on the MariaDB test server. */
@Tag("mariadb")
class MariaDbSpringBootHostTest extends SpringBootHostContract {

    @Override
    protected Map<String, Object> database() {
        return ServerHost.properties(MigratedSchema.on(TestServer.MARIADB));
    }

    @Override
    protected Connection connect() throws SQLException {
        return TestServer.MARIADB.connect();
    }
}
