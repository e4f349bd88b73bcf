package org.forumkit.jpa.spring.web;

import java.util.HashMap;
import java.util.Map;
import org.forumkit.Forum;
import org.forumkit.jpa.spring.web.host.ApiHostApp;
import org.forumkit.jpa.spring.web.host.DefaultSecurityHostApp;
import org.forumkit.model.Board;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.Viewer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The set-up of the HTTP tests on {@link DefaultSecurityHostApp}: the site on H2 with Boot's one user alice, the API
 * and the widget on and the test's own properties on top, and the topic "Hello" carol started in a board "general".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DefaultSecuritySite {
    private final String name;
    private final Map<String, Object> properties;
    ConfigurableApplicationContext app;
    int port;
    Topic topic;

    DefaultSecuritySite(String name, Map<String, Object> properties) {
        this.name = name;
        this.properties = properties;
    }

    @BeforeAll
    void start() {
        Map<String, Object> all = new HashMap<>(BootHosts.h2(name));
        all.put("spring.security.user.name", "alice");
        all.put("spring.security.user.password", ApiHostApp.PASSWORD);
        all.put("forumkit.widget.enabled", "true");
        all.putAll(properties);
        app = BootHosts.start(DefaultSecurityHostApp.class, all);
        port = BootHosts.port(app);
        Forum forum = app.getBean(Forum.class);
        Board general = forum.boards().create(Viewer.user("admin", "Admin", "admin"),
                CreateBoard.board(null, "general", "General"));
        topic = forum.topics().start(Viewer.user("carol", "Carol"), StartTopic.of(general.id(), "Hello", "First."));
    }

    @AfterAll
    void stop() {
        BootHosts.stop(app);
    }
}
