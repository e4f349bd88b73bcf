package org.forumkit.jpa.spring.web.host;

import java.util.Optional;
import org.forumkit.jpa.spring.web.AuthorAvatars;
import org.forumkit.jpa.spring.web.CommentThreads;
import org.forumkit.jpa.spring.web.ForumkitApiConfigurer;
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
 * A Spring Boot site with its own Spring Security (form sign-in of three users, the default session CSRF) that
 * turns on the forum's API and widget by properties and fits the API into its chain with one line. Its comment
 * threads: {@code article-*} pages titled by the site, {@code free-*} titled by their first comment, no others.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class ApiHostApp {
    public static final String PASSWORD = "secret";

    @Bean
    SecurityFilterChain site(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/api/**", "/forumkit/**", "/login").permitAll()
                .anyRequest().authenticated());
        http.formLogin(Customizer.withDefaults());
        http.with(new ForumkitApiConfigurer(), Customizer.withDefaults());
        return http.build();
    }

    @Bean
    InMemoryUserDetailsManager users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("alice").password("{noop}" + PASSWORD).roles("member").build(),
                User.withUsername("bob").password("{noop}" + PASSWORD).roles("member").build(),
                User.withUsername("mod").password("{noop}" + PASSWORD).roles("member", "moderator").build());
    }

    /** Alice has an avatar; Bob's is a script URL, which the API must leave out. */
    @Bean
    AuthorAvatars avatars() {
        return user -> switch (user.value()) {
            case "alice" -> Optional.of("https://avatars.example/alice.png");
            case "bob" -> Optional.of("javascript:alert(1)");
            default -> Optional.empty();
        };
    }

    @Bean
    CommentThreads commentThreads(@Value("${site.comments-board}") String board) {
        return key -> {
            if (key.equals("boom")) {
                throw new IllegalStateException("the site's page store is down");
            }
            if (key.startsWith("article-")) {
                return Optional.of(new CommentThreads.Thread(board, "Article " + key.substring(8)));
            }
            return key.startsWith("free-") ? Optional.of(new CommentThreads.Thread(board, null)) : Optional.empty();
        };
    }
}
