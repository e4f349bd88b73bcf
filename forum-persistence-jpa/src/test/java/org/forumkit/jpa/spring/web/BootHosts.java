package org.forumkit.jpa.spring.web;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring Boot host sites of the HTTP tests: each on Tomcat at a free loopback port, with the API on and the
 * settings every such test shares; the test adds its database and its own settings.
 */
final class BootHosts {
    private BootHosts() {
    }

    /** The {@code spring.datasource.*} properties of an in-memory H2 database of its own, named after {@code name}. */
    static Map<String, Object> h2(String name) {
        return Map.of("spring.datasource.url", "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "spring.datasource.username", "sa", "spring.datasource.password", "");
    }

    /** Starts {@code site} with {@code properties} over the shared settings (a free port, no banner, the API on). */
    static ConfigurableApplicationContext start(Class<?> site, Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("server.port", "0");
        all.put("server.address", "127.0.0.1");
        all.put("spring.main.banner-mode", "off");
        all.put("spring.jpa.open-in-view", "false");
        all.put("forumkit.api.enabled", "true");
        return new SpringApplicationBuilder(site).web(WebApplicationType.SERVLET).properties(all).run();
    }

    /** The port {@code app}'s Tomcat listens on. */
    static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    static void stop(ConfigurableApplicationContext app) {
        if (app != null) {
            app.close();
        }
    }
}
