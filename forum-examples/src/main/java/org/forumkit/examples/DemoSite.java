package org.forumkit.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.forumkit.DeliverySettings;
import org.forumkit.Forum;
import org.forumkit.jpa.spring.ForumkitProperties;
import org.forumkit.spi.ForumEventListener;
import org.forumkit.spi.NotificationSender;
import org.forumkit.spi.UserDirectory;
import org.forumkit.spi.store.ForumStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The demo as a Spring Boot application: Boot's DataSource and Hibernate JPA, the JPA adapter's Spring Boot
 * support (the store, the migrations, the viewer from Spring Security), and the site in
 * {@code org.forumkit.examples.web}. Its one bean of its own is the {@link Forum}, on a clock the seed importer
 * can set (the seed keeps its 2012 dates), seeded on the first start, with inboxes for the demo's users
 * ({@code DemoDirectory}) and, with {@code demo.mail.enabled=true}, notification mail ({@code DemoMail}).
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
            ObjectProvider<ForumEventListener> listeners, UserDirectory directory,
            ObjectProvider<NotificationSender> senders, ObjectProvider<DeliverySettings> deliverySettings) {
        Forum.Builder builder = Forum.builder().store(store).settings(properties.toSettings()).clock(clock)
                .notifications(directory);
        listeners.orderedStream().forEach(builder::listener);
        // mail when demo.mail.enabled=true (DemoMail): the sender and the settings that sign unsubscribe links
        senders.orderedStream().forEach(builder::sender);
        deliverySettings.ifAvailable(builder::deliverySettings);
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
