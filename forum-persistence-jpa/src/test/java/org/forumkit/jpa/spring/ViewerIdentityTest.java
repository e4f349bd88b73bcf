package org.forumkit.jpa.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.List;
import java.util.Map;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;
import org.springframework.security.core.Authentication;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The forum viewer from Spring Security, and as a Spring MVC controller parameter; each part backs off alone. */
class ViewerIdentityTest {
    private final ApplicationContextRunner plain = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ForumkitSecurityAutoConfiguration.class,
                    ForumkitWebMvcAutoConfiguration.class));
    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ForumkitSecurityAutoConfiguration.class,
                    ForumkitWebMvcAutoConfiguration.class))
            .withUserConfiguration(Mvc.class);

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    /** A principal with a display name of its own, as a host's user details class might have. */
    public record Person(String username, String fullName) {
        public String getFullName() {
            return fullName;
        }
    }

    @Nested
    @DisplayName("AuthenticationViewerResolver")
    class Resolver {
        private final AuthenticationViewerResolver byName = new AuthenticationViewerResolver(null, "ROLE_");

        @Test
        @DisplayName("name becomes the user id, authorities without ROLE_ the roles")
        void member() {
            Viewer viewer = byName.viewer(UsernamePasswordAuthenticationToken.authenticated("alice", null,
                    AuthorityUtils.createAuthorityList("ROLE_moderator", "SCOPE_forum")));
            assertThat(viewer).isEqualTo(new Viewer.Member(UserId.of("alice"), "alice",
                    java.util.Set.of("moderator", "SCOPE_forum")));
        }

        @Test
        @DisplayName("nobody, an anonymous token and an unauthenticated one are anonymous viewers")
        void anonymous() {
            assertThat(byName.viewer(null)).isEqualTo(Viewer.anonymous());
            assertThat(byName.viewer(new AnonymousAuthenticationToken("key", "anonymousUser",
                    AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")))).isEqualTo(Viewer.anonymous());
            assertThat(byName.viewer(UsernamePasswordAuthenticationToken.unauthenticated("alice", "secret")))
                    .isEqualTo(Viewer.anonymous());
        }

        @Test
        @DisplayName("the display name comes from the configured principal property or OAuth2 attribute, else the name")
        void displayName() {
            AuthenticationViewerResolver byFullName = new AuthenticationViewerResolver("fullName", "ROLE_");
            assertThat(((Viewer.Member) byFullName.viewer(authenticated(new Person("alice", "Alice Liddell"))))
                    .displayName()).isEqualTo("Alice Liddell");
            assertThat(((Viewer.Member) byFullName.viewer(authenticated(new WithAttributes(
                    Map.of("fullName", "爱丽丝"))))).displayName()).isEqualTo("爱丽丝");
            assertThat(((Viewer.Member) byFullName.viewer(authenticated("alice"))).displayName()).isEqualTo("alice");
        }

        @Test
        @DisplayName("currentViewer reads the SecurityContextHolder")
        void current() {
            assertThat(byName.currentViewer()).isEqualTo(Viewer.anonymous());
            SecurityContextHolder.getContext().setAuthentication(authenticated("bob"));
            assertThat(byName.currentViewer().userId()).contains(UserId.of("bob"));
        }
    }

    /** A principal keeping its claims in an attribute map, the way OAuth2 principals do. */
    public record WithAttributes(Map<String, Object> attributes) {
        public Map<String, Object> getAttributes() {
            return attributes;
        }
    }

    private static String body(MockMvc mvc) throws Exception {
        return mvc.perform(get("/who")).andReturn().getResponse().getContentAsString();
    }

    private static Authentication authenticated(Object principal) {
        return new TestingAuthenticationToken(principal, null, List.of());
    }

    @Nested
    @DisplayName("auto-configuration")
    class AutoConfiguration {

        @Test
        @DisplayName("forumkit.viewer.* configure the resolver")
        void properties() {
            plain.withPropertyValues("forumkit.viewer.display-name=fullName", "forumkit.viewer.role-prefix=GROUP_")
                    .run(context -> {
                        Viewer viewer = context.getBean(AuthenticationViewerResolver.class).viewer(
                                new TestingAuthenticationToken(new Person("carol", "Carol C."), null, "GROUP_mods"));
                        assertThat(((Viewer.Member) viewer).displayName()).isEqualTo("Carol C.");
                        assertThat(viewer.roles()).containsExactly("mods");
                    });
        }

        @Test
        @DisplayName("without Spring Security there is no resolver, and without one no MVC parameter")
        void noSecurity() {
            web.withClassLoader(new FilteredClassLoader(Authentication.class)).run(context ->
                    assertThat(context).hasNotFailed().doesNotHaveBean(ViewerResolver.class)
                            .doesNotHaveBean(ViewerArgumentResolver.class));
        }

        @Test
        @DisplayName("the host's own ViewerResolver replaces the Spring Security one, also without Spring Security")
        void ownResolver() {
            ViewerResolver own = () -> Viewer.user("host", "Host");
            web.withBean(ViewerResolver.class, () -> own).run(context -> {
                assertThat(context).doesNotHaveBean(AuthenticationViewerResolver.class)
                        .hasSingleBean(ViewerArgumentResolver.class);
            });
            web.withClassLoader(new FilteredClassLoader(Authentication.class))
                    .withBean(ViewerResolver.class, () -> own)
                    .run(context -> assertThat(context).hasSingleBean(ViewerArgumentResolver.class));
        }

        @Test
        @DisplayName("outside a servlet web application there is no MVC parameter resolver")
        void notWeb() {
            plain.run(context -> assertThat(context).hasSingleBean(ViewerResolver.class)
                    .doesNotHaveBean(ViewerArgumentResolver.class));
        }

        @Test
        @DisplayName("without Spring MVC there is no MVC parameter resolver")
        void noMvc() {
            new WebApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(ForumkitSecurityAutoConfiguration.class,
                            ForumkitWebMvcAutoConfiguration.class))
                    .withClassLoader(new FilteredClassLoader(WebMvcConfigurer.class))
                    .run(context -> assertThat(context).doesNotHaveBean(ViewerArgumentResolver.class));
        }

        @Test
        @DisplayName("a controller method takes the signed-in Viewer as a parameter")
        void controllerParameter() {
            web.run(context -> {
                MockMvc mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) context).build();
                assertThat(body(mvc)).isEqualTo("anonymous");
                SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("dave", null,
                        "ROLE_moderator"));
                assertThat(body(mvc)).isEqualTo("dave [moderator]");
            });
        }
    }

    /** A host's Spring MVC application with one controller. */
    @Configuration(proxyBeanMethods = false)
    @EnableWebMvc
    static class Mvc {
        @org.springframework.context.annotation.Bean
        WhoController whoController() {
            return new WhoController();
        }
    }

    @RestController
    static class WhoController {
        @GetMapping("/who")
        String who(Viewer viewer) {
            return viewer.userId().map(id -> id.value() + " " + viewer.roles()).orElse("anonymous");
        }
    }
}
