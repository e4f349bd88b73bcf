package org.forumkit.jpa.spring;

import java.util.Map;
import org.forumkit.jpa.testing.TestServer;

/** {@link ServerHost} for the tests of the API's package. */
public final class ServerHostAccess {
    private ServerHostAccess() {
    }

    /** The {@code spring.*} properties that put a Spring Boot host on this test server's database. */
    public static Map<String, Object> properties(TestServer server) {
        return ServerHost.properties(server);
    }
}
