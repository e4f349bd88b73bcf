package org.forumkit.jpa.spring.web.host;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring Boot site with Spring Security on the classpath and no security configuration of its own: no
 * {@code SecurityFilterChain}, Boot's one user ({@code spring.security.user.*}). It has one page of its own,
 * {@code /private}, which Boot's default chain keeps for signed-in users.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class DefaultSecurityHostApp {

    /** The host's own page (a member class of the configuration: registered with it). */
    @RestController
    public static class PrivatePage {
        @GetMapping("/private")
        public String page() {
            return "only for signed-in users";
        }
    }
}
