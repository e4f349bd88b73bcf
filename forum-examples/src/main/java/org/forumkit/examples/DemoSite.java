package org.forumkit.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.forumkit.Forum;
import org.forumkit.jpa.spring.ForumkitProperties;
import org.forumkit.spi.ForumEventListener;
import org.forumkit.spi.store.ForumStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The demo as a Spring Boot application: Boot's DataSource and Hibernate JPA, the JPA adapter's Spring Boot
 * support (the store, the migrations, the viewer from Spring Security), and the site in
 * {@code org.forumkit.examples.web}. Its one bean of its own is the {@link Forum}, on a clock the seed importer
 * can set (the seed keeps its 2012 dates), seeded on the first start.
 */
@SpringBootApplication
public class DemoSite {

    @Bean
    SettableClock demoClock() {
        return new SettableClock();
    }

    /** Closed with the context, after the last request: buffered views are written then. */
    @Bean(destroyMethod = "close")
    Forum forum(ForumStore store, ForumkitProperties properties, SettableClock clock,
            ObjectProvider<ForumEventListener> listeners) {
        Forum.Builder builder = Forum.builder().store(store).settings(properties.toSettings()).clock(clock);
        listeners.orderedStream().forEach(builder::listener);
        Forum forum = builder.build();
        try {
            DemoApp.seedOnFirstStart(store, forum, clock);
        } catch (IOException | RuntimeException e) {
            forum.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        return forum;
    }
}
