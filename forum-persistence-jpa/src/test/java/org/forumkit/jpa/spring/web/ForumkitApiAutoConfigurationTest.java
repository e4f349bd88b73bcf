package org.forumkit.jpa.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.forumkit.Forum;
import org.forumkit.jpa.spring.ForumkitAutoConfiguration;
import org.forumkit.jpa.spring.ForumkitSecurityAutoConfiguration;
import org.forumkit.jpa.spring.ForumkitWebMvcAutoConfiguration;
import org.forumkit.jpa.spring.ViewerResolver;
import org.forumkit.memory.InMemoryForumStore;
import org.forumkit.model.Viewer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Each condition, property and back-off of {@link ForumkitApiAutoConfiguration} and {@link ForumkitWidgetAutoConfiguration}. */
class ForumkitApiAutoConfigurationTest {

    /** A forum in memory: the API needs a Forum bean, not a database. */
    @Configuration(proxyBeanMethods = false)
    static class MemoryForum {
        @Bean(destroyMethod = "close")
        Forum forum() {
            return Forum.builder().store(new InMemoryForumStore()).build();
        }
    }

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ForumkitSecurityAutoConfiguration.class,
                    ForumkitWebMvcAutoConfiguration.class, ForumkitApiAutoConfiguration.class,
                    ForumkitWidgetAutoConfiguration.class))
            .withUserConfiguration(MemoryForum.class);

    private final WebApplicationContextRunner api = web.withPropertyValues("forumkit.api.enabled=true");

    @SuppressWarnings("unchecked")
    private static ApiGuardFilter guard(org.springframework.context.ApplicationContext context) {
        return ((FilterRegistrationBean<ApiGuardFilter>) context.getBean("forumkitApiGuardFilter")).getFilter();
    }

    @Nested
    @DisplayName("conditions")
    class Conditions {

        @Test
        @DisplayName("off unless forumkit.api.enabled=true; the widget off unless forumkit.widget.enabled=true")
        void offByDefault() {
            web.run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean(ForumkitApiController.class)
                        .doesNotHaveBean(ForumkitApiSecurity.class).doesNotHaveBean("forumkitApiGuardFilter")
                        .doesNotHaveBean(ForumkitWidgetController.class);
            });
            web.withPropertyValues("forumkit.api.enabled=false", "forumkit.widget.enabled=false")
                    .run(context -> assertThat(context).doesNotHaveBean(ForumkitApiController.class)
                            .doesNotHaveBean(ForumkitWidgetController.class));
        }

        @Test
        @DisplayName("on: the controller, its advice, the fallback resolver, the guard filter, the security hooks, the default threads")
        void on() {
            api.run(context -> {
                assertThat(context).hasSingleBean(ForumkitApiController.class)
                        .hasSingleBean(ForumkitApiExceptionHandler.class).hasSingleBean(ApiFallbackResolver.class)
                        .hasSingleBean(ForumkitApiSecurity.class).hasSingleBean(CommentThreads.class)
                        .hasBean("forumkitApiGuardFilter");
                assertThat(context.getBean("forumkitApiGuardFilter", FilterRegistrationBean.class).getUrlPatterns())
                        .containsExactlyInAnyOrder("/api", "/api/*");
                assertThat(context.getBean(ForumkitApiSecurity.class).basePath()).isEqualTo("/api");
            });
        }

        @Test
        @DisplayName("off in an application that is not a servlet web application")
        void notWeb() {
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(ForumkitSecurityAutoConfiguration.class,
                            ForumkitApiAutoConfiguration.class, ForumkitWidgetAutoConfiguration.class))
                    .withUserConfiguration(MemoryForum.class)
                    .withPropertyValues("forumkit.api.enabled=true", "forumkit.widget.enabled=true")
                    .run(context -> assertThat(context).hasNotFailed()
                            .doesNotHaveBean(ForumkitApiController.class)
                            .doesNotHaveBean(ForumkitWidgetController.class));
        }

        @Test
        @DisplayName("off without a Forum bean, and without a ViewerResolver")
        void needsForumAndViewers() {
            new WebApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(ForumkitSecurityAutoConfiguration.class,
                            ForumkitApiAutoConfiguration.class))
                    .withPropertyValues("forumkit.api.enabled=true")
                    .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ForumkitApiController.class));
            new WebApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(ForumkitApiAutoConfiguration.class))
                    .withUserConfiguration(MemoryForum.class)
                    .withPropertyValues("forumkit.api.enabled=true")
                    .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ForumkitApiController.class));
            new WebApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(ForumkitWebMvcAutoConfiguration.class,
                            ForumkitApiAutoConfiguration.class))
                    .withUserConfiguration(MemoryForum.class)
                    .withBean(ViewerResolver.class, () -> Viewer::anonymous)
                    .withPropertyValues("forumkit.api.enabled=true")
                    .run(context -> assertThat(context).hasSingleBean(ForumkitApiController.class));
        }

        @Test
        @DisplayName("the Forum bean of the JPA auto-configuration is enough")
        @Tag("h2")
        void withJpaForum() {
            new WebApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                            HibernateJpaAutoConfiguration.class, TransactionAutoConfiguration.class,
                            ForumkitAutoConfiguration.class, ForumkitSecurityAutoConfiguration.class,
                            ForumkitWebMvcAutoConfiguration.class, ForumkitApiAutoConfiguration.class))
                    .withPropertyValues("forumkit.api.enabled=true")
                    .run(context -> assertThat(context).hasSingleBean(ForumkitApiController.class));
        }

        @Test
        @DisplayName("off without Jackson 2 (forum-core's JSON module) or without Spring Security's web support")
        void needsJacksonAndSecurity() {
            api.withClassLoader(new FilteredClassLoader(com.fasterxml.jackson.databind.ObjectMapper.class))
                    .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ForumkitApiController.class));
            api.withClassLoader(new FilteredClassLoader(CsrfToken.class))
                    .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ForumkitApiController.class));
        }
    }

    @Nested
    @DisplayName("properties")
    class Properties {

        @Test
        @DisplayName("forumkit.api.base-path moves the endpoints, the guard filter and the security matcher")
        void basePath() {
            api.withConfiguration(AutoConfigurations.of(DispatcherServletAutoConfiguration.class,
                            WebMvcAutoConfiguration.class))
                    .withPropertyValues("forumkit.api.base-path=/forum/v1")
                    .run(context -> {
                        assertThat(context.getBean("forumkitApiGuardFilter", FilterRegistrationBean.class)
                                .getUrlPatterns()).containsExactlyInAnyOrder("/forum/v1", "/forum/v1/*");
                        assertThat(context.getBean(ForumkitApiSecurity.class).basePath()).isEqualTo("/forum/v1");
                        List<String> patterns = context.getBean("requestMappingHandlerMapping",
                                RequestMappingHandlerMapping.class).getHandlerMethods().keySet().stream()
                                .flatMap(info -> info.getPatternValues().stream()).toList();
                        assertThat(patterns).contains("/forum/v1/comments", "/forum/v1/session")
                                .noneMatch(p -> p.startsWith("/api/"));
                    });
        }

        @Test
        @DisplayName("a base path that is not a clean absolute path stops the application, naming the property")
        void badBasePath() {
            for (String path : new String[] {"api", "/api/", "/", "/a b"}) {
                api.withPropertyValues("forumkit.api.base-path=" + path).run(context -> assertThat(context)
                        .hasFailed().getFailure().rootCause().hasMessageContaining("forumkit.api.base-path"));
            }
        }

        @Test
        @DisplayName("forumkit.api.comments-board is the default threads' board, for every key")
        void commentsBoard() {
            api.run(context -> assertThat(context.getBean(CommentThreads.class).thread("any"))
                    .contains(new CommentThreads.Thread("comments", null)));
            api.withPropertyValues("forumkit.api.comments-board=site-comments")
                    .run(context -> assertThat(context.getBean(CommentThreads.class).thread("article-1"))
                            .contains(new CommentThreads.Thread("site-comments", null)));
        }

        @Test
        @DisplayName("forumkit.api.max-body-size is the guard's limit (256 KB by default); zero stops the application")
        void maxBodySize() {
            api.run(context -> assertThat(guard(context).maxBody()).isEqualTo(256 * 1024));
            api.withPropertyValues("forumkit.api.max-body-size=1KB")
                    .run(context -> assertThat(guard(context).maxBody()).isEqualTo(1024));
            api.withPropertyValues("forumkit.api.max-body-size=0B").run(context -> assertThat(context).hasFailed()
                    .getFailure().rootCause().hasMessageContaining("forumkit.api.max-body-size"));
        }

        @Test
        @DisplayName("forumkit.api.default-page-size is the size of a page the request does not size")
        void defaultPageSize() {
            api.run(context -> assertThat(context.getBean(ForumkitApiController.class).pageSize()).isEqualTo(20));
            api.withPropertyValues("forumkit.api.default-page-size=50")
                    .run(context -> assertThat(context.getBean(ForumkitApiController.class).pageSize()).isEqualTo(50));
            api.withPropertyValues("forumkit.api.default-page-size=0").run(context -> assertThat(context).hasFailed());
        }

        @Test
        @DisplayName("forumkit.api.cors.*: no other origin by default; the listed ones with credentials and the max age")
        void cors() {
            api.run(context -> assertThat(context.getBean(ForumkitApiSecurity.class).corsConfiguration()
                    .getAllowedOrigins()).isEmpty());
            api.withPropertyValues("forumkit.api.cors.allowed-origins=https://blog.example.com,https://shop.example.com",
                    "forumkit.api.cors.max-age=10m").run(context -> {
                        var cors = context.getBean(ForumkitApiSecurity.class).corsConfiguration();
                        assertThat(cors.getAllowedOrigins())
                                .containsExactly("https://blog.example.com", "https://shop.example.com");
                        assertThat(cors.getAllowCredentials()).isTrue();
                        assertThat(cors.getMaxAge()).isEqualTo(600);
                    });
            api.withPropertyValues("forumkit.api.cors.allowed-origin-patterns=https://*.example.com").run(context ->
                    assertThat(context.getBean(ForumkitApiSecurity.class).corsConfiguration()
                            .getAllowedOriginPatterns()).containsExactly("https://*.example.com"));
            // any origin with the visitor's cookies: refused at start
            api.withPropertyValues("forumkit.api.cors.allowed-origin-patterns=*").run(context ->
                    assertThat(context).hasFailed());
        }

        @Test
        @DisplayName("forumkit.widget.*: the path, the sign-in page and the API's path written into the script, the cache age")
        void widget() {
            web.withConfiguration(AutoConfigurations.of(DispatcherServletAutoConfiguration.class,
                            WebMvcAutoConfiguration.class))
                    .withPropertyValues("forumkit.widget.enabled=true", "forumkit.widget.path=/static/comments",
                            "forumkit.widget.login-url=/account/sign-in", "forumkit.widget.max-age=1h",
                            "forumkit.api.base-path=/forum-api")
                    .run(context -> {
                        ForumkitWidgetController widget = context.getBean(ForumkitWidgetController.class);
                        ResponseEntity<byte[]> script = widget.script(null);
                        String text = new String(script.getBody(), java.nio.charset.StandardCharsets.UTF_8);
                        assertThat(text).contains("var API = '/forum-api';", "var LOGIN = '/account/sign-in';");
                        assertThat(script.getHeaders().getCacheControl()).isEqualTo("max-age=3600, public");
                        List<String> patterns = context.getBean("requestMappingHandlerMapping",
                                RequestMappingHandlerMapping.class).getHandlerMethods().keySet().stream()
                                .flatMap(info -> info.getPatternValues().stream()).toList();
                        assertThat(patterns).contains("/static/comments/forumkit.js", "/static/comments/forumkit.css");
                    });
            web.withPropertyValues("forumkit.widget.enabled=true").run(context -> {
                ResponseEntity<byte[]> script = context.getBean(ForumkitWidgetController.class).script(null);
                assertThat(script.getHeaders().getCacheControl()).isEqualTo("no-cache");
                assertThat(new String(script.getBody(), java.nio.charset.StandardCharsets.UTF_8))
                        .contains("var API = '/api';", "var LOGIN = '/login';");
            });
            web.withPropertyValues("forumkit.widget.enabled=true", "forumkit.widget.path=forumkit/")
                    .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                            .hasMessageContaining("forumkit.widget.path"));
        }
    }

    @Nested
    @DisplayName("back-off")
    class BackOff {

        @Test
        @DisplayName("the host's CommentThreads and ForumkitApiSecurity beans replace the default ones")
        void hostBeans() {
            CommentThreads mine = key -> Optional.empty();
            api.withBean(CommentThreads.class, () -> mine).run(context -> {
                assertThat(context).hasSingleBean(CommentThreads.class);
                assertThat(context.getBean(CommentThreads.class)).isSameAs(mine);
            });
            api.withBean("hostApiSecurity", ForumkitApiSecurity.class, () -> new ForumkitApiSecurity(
                    new ForumkitApiProperties(), new ApiPath("/api"), new ApiJson(), new ApiErrors(null)))
                    .run(context -> assertThat(context).hasSingleBean(ForumkitApiSecurity.class)
                            .hasBean("hostApiSecurity"));
        }

        private final WebApplicationContextRunner secured = api.withConfiguration(AutoConfigurations.of(
                SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class));

        @Test
        @DisplayName("without a chain of the host's, Spring Boot's default chain comes with the API fitted in")
        void defaultChain() {
            secured.run(context -> {
                assertThat(context).hasNotFailed().hasBean("forumkitDefaultSecurityFilterChain")
                        .doesNotHaveBean("defaultSecurityFilterChain");
                assertThat(context.getBean(SecurityFilterChain.class).getFilters())
                        .anyMatch(f -> f instanceof ForumkitApiSecurity.ApiCorsFilter);
            });
            secured.withPropertyValues("forumkit.api.enabled=false")
                    .run(context -> assertThat(context).hasBean("defaultSecurityFilterChain")
                            .doesNotHaveBean("forumkitDefaultSecurityFilterChain"));
        }

        @Configuration(proxyBeanMethods = false)
        static class HostChain {
            @Bean
            SecurityFilterChain hostChain(HttpSecurity http) throws Exception {
                return http.authorizeHttpRequests(r -> r.anyRequest().permitAll()).formLogin(Customizer.withDefaults())
                        .build();
            }
        }

        @Test
        @DisplayName("the host's own chain stays the only one: the API is fitted in only where the host applies the configurer")
        void hostChain() {
            secured.withUserConfiguration(HostChain.class).run(context -> {
                assertThat(context).hasNotFailed().doesNotHaveBean("forumkitDefaultSecurityFilterChain")
                        .doesNotHaveBean("defaultSecurityFilterChain");
                assertThat(context.getBean(SecurityFilterChain.class).getFilters())
                        .noneMatch(f -> f instanceof ForumkitApiSecurity.ApiCorsFilter);
            });
        }

        @Test
        @DisplayName("the configurer applied with the API off leaves the host's chain as it was")
        void configurerWithApiOff() {
            web.withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class,
                            ServletWebSecurityAutoConfiguration.class))
                    .withUserConfiguration(OffChain.class)
                    .run(context -> assertThat(context).hasNotFailed());
        }

        @Configuration(proxyBeanMethods = false)
        static class OffChain {
            @Bean
            SecurityFilterChain offChain(HttpSecurity http) throws Exception {
                SecurityFilterChain chain = http.with(new ForumkitApiConfigurer(), Customizer.withDefaults()).build();
                assertThat(chain.getFilters()).noneMatch(f -> f instanceof ForumkitApiSecurity.ApiCorsFilter);
                return chain;
            }
        }
    }

    @Test
    @DisplayName("the default threads refuse a blank board")
    void threadNeedsBoard() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CommentThreads.Thread(" ", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
