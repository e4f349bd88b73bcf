package org.forumkit.jpa.spring.web.host;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.forumkit.DeliverySettings;
import org.forumkit.jpa.spring.web.CommentThreads;
import org.forumkit.jpa.spring.web.ForumkitApiConfigurer;
import org.forumkit.model.DeliveryChannel;
import org.forumkit.spi.NotificationSender;
import org.forumkit.spi.OutgoingNotification;
import org.forumkit.spi.UserDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A Spring Boot site with inboxes on (a {@link UserDirectory} bean), deliveries on (a {@link DeliverySettings} bean
 * and a {@link Recorder} sender, delivered by the scheduled round), the feeds on by property, and its own Spring
 * Security form sign-in of the users named by {@code site.users}; it permits the API, the feeds and the
 * unsubscribe page to everyone.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class NotifyHostApp {

    @Bean
    SecurityFilterChain site(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/api/**", "/login", "/unsubscribe", "/b/**", "/t/**").permitAll()
                .anyRequest().authenticated());
        http.formLogin(Customizer.withDefaults());
        http.with(new ForumkitApiConfigurer(), Customizer.withDefaults());
        return http.build();
    }

    /** The users of {@code site.users} (fresh names per run, so that inboxes start empty on a kept database). */
    @Bean
    InMemoryUserDetailsManager users(@Value("${site.users}") List<String> names) {
        return new InMemoryUserDetailsManager(names.stream()
                .map(name -> User.withUsername(name).password("{noop}" + ApiHostApp.PASSWORD).roles("member").build())
                .toList());
    }

    @Bean
    CommentThreads commentThreads() {
        return key -> Optional.empty();
    }

    @Bean
    UserDirectory directory() {
        return UserDirectory.ROLELESS;
    }

    @Bean
    DeliverySettings deliverySettings() {
        return DeliverySettings.of("a test key of at least thirty-two bytes!".getBytes(StandardCharsets.UTF_8))
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1));
    }

    @Bean
    Recorder recorder() {
        return new Recorder();
    }

    /** A sender on its own channel that keeps what it was given: the test reads the unsubscribe tokens. */
    public static final class Recorder implements NotificationSender {
        public static final DeliveryChannel CHANNEL = DeliveryChannel.of("recorder");
        public final List<OutgoingNotification> sent = new CopyOnWriteArrayList<>();

        @Override
        public DeliveryChannel channel() {
            return CHANNEL;
        }

        @Override
        public void send(OutgoingNotification notification) {
            sent.add(notification);
        }
    }
}
