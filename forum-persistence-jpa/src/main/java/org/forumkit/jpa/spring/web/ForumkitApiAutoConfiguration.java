package org.forumkit.jpa.spring.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import org.forumkit.Forum;
import org.forumkit.jpa.spring.ForumkitAutoConfiguration;
import org.forumkit.jpa.spring.ForumkitSecurityAutoConfiguration;
import org.forumkit.jpa.spring.ForumkitWebMvcAutoConfiguration;
import org.forumkit.jpa.spring.ViewerResolver;
import org.forumkit.spi.NotificationSender;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletPath;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The forum's JSON API (the comments widget's endpoints) under {@code forumkit.api.base-path}, on with
 * {@code forumkit.api.enabled=true} in a servlet web application with Spring MVC, Spring Security and Jackson 2,
 * once a {@link Forum} and a {@link ViewerResolver} are in the context. The host secures it with
 * {@link ForumkitApiConfigurer}; a host without a security filter chain of its own gets Spring Boot's default one
 * with the configurer applied and the API's and widget's paths open to everyone (the forum decides permissions).
 */
@AutoConfiguration(after = {ForumkitAutoConfiguration.class, ForumkitSecurityAutoConfiguration.class,
        ForumkitWebMvcAutoConfiguration.class},
        beforeName = "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(value = {DispatcherServlet.class, ObjectMapper.class, CsrfToken.class, HttpSecurity.class},
        name = "org.springframework.boot.webmvc.autoconfigure.DispatcherServletPath")
@ConditionalOnProperty(prefix = "forumkit.api", name = "enabled", havingValue = "true")
@ConditionalOnBean({Forum.class, ViewerResolver.class})
@EnableConfigurationProperties({ForumkitApiProperties.class, ForumkitWidgetProperties.class})
public class ForumkitApiAutoConfiguration {

    /** Every key a thread in {@code forumkit.api.comments-board}, unless the host says which keys exist. */
    @Bean
    @ConditionalOnMissingBean
    CommentThreads forumkitCommentThreads(ForumkitApiProperties properties) {
        return CommentThreads.inBoard(properties.getCommentsBoard());
    }

    /** The API's base path as requests carry it: under {@code spring.mvc.servlet.path} when the host sets one. */
    @Bean
    ApiPath forumkitApiPath(ForumkitApiProperties properties, ObjectProvider<DispatcherServletPath> servlet) {
        return new ApiPath(ApiPath.underServlet(servlet, properties.checkedBasePath()));
    }

    @Bean
    ApiJson forumkitApiJson(ForumkitApiProperties properties) {
        return new ApiJson(properties.getMaxJsonDepth(), properties.getMaxBodySize().toBytes());
    }

    @Bean
    ApiErrors forumkitApiErrors(ObjectProvider<LocaleResolver> locales) {
        return new ApiErrors(locales);
    }

    @Bean
    TopicPages forumkitTopicPages(Forum forum, ApiJson json, ObjectProvider<AuthorAvatars> avatars,
            ForumkitApiProperties properties) {
        if (properties.getDefaultPageSize() < 1) {
            throw new IllegalArgumentException("forumkit.api.default-page-size must be at least 1, not "
                    + properties.getDefaultPageSize());
        }
        return new TopicPages(forum, json, java.util.Optional.ofNullable(avatars.getIfUnique()),
                properties.getDefaultPageSize());
    }

    @Bean
    ForumkitApiController forumkitApiController(Forum forum, ApiJson json, TopicPages pages,
            ForumkitApiProperties properties) {
        properties.checkedBasePath();
        return new ForumkitApiController(forum, json, pages, properties);
    }

    @Bean
    ForumkitCommentsController forumkitCommentsController(Forum forum, CommentThreads threads, ApiJson json,
            TopicPages pages) {
        return new ForumkitCommentsController(forum, threads, json, pages);
    }

    /** The viewer's inbox, watching and delivery settings; the channels are those of the NotificationSender beans. */
    @Bean
    ForumkitNotificationsController forumkitNotificationsController(Forum forum, ApiJson json,
            ForumkitApiProperties properties, ObjectProvider<NotificationSender> senders) {
        return new ForumkitNotificationsController(forum, json, properties.getDefaultPageSize(),
                senders.orderedStream().map(NotificationSender::channel).toList());
    }

    @Bean
    ForumkitApiExceptionHandler forumkitApiExceptionHandler(ApiJson json) {
        return new ForumkitApiExceptionHandler(json);
    }

    @Bean
    ApiFallbackResolver forumkitApiFallbackResolver(ApiPath path, ApiJson json, ApiErrors errors) {
        return new ApiFallbackResolver(path, json, errors);
    }

    /** Before Spring Security's filters, so that an oversized body is refused before any of them reads it. */
    @Bean
    FilterRegistrationBean<ApiGuardFilter> forumkitApiGuardFilter(ForumkitApiProperties properties, ApiPath path,
            ApiJson json, ApiErrors errors) {
        String base = path.base();
        long max = properties.getMaxBodySize().toBytes();
        if (max < 1) {
            throw new IllegalArgumentException("forumkit.api.max-body-size must be positive, not "
                    + properties.getMaxBodySize());
        }
        java.time.Duration read = properties.getBodyReadTimeout();
        if (read == null || read.isNegative() || read.isZero()) {
            throw new IllegalArgumentException("forumkit.api.body-read-timeout must be positive, not " + read);
        }
        FilterRegistrationBean<ApiGuardFilter> registration = new FilterRegistrationBean<>(
                new ApiGuardFilter(path, max, read, json, errors));
        registration.addUrlPatterns(base, base + "/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
        registration.setName("forumkitApiGuardFilter");
        return registration;
    }

    /** First of the API's filters: a client over its rate is refused before anything else is spent on it. */
    @Bean
    @ConditionalOnProperty(prefix = "forumkit.api.rate-limit", name = "enabled", havingValue = "true")
    FilterRegistrationBean<ApiRateLimitFilter> forumkitApiRateLimitFilter(ForumkitApiProperties properties,
            ApiPath path, ApiJson json, ApiErrors errors) {
        String base = path.base();
        ForumkitApiProperties.RateLimit limit = properties.getRateLimit();
        FilterRegistrationBean<ApiRateLimitFilter> registration = new FilterRegistrationBean<>(new ApiRateLimitFilter(
                path, new ApiRateLimiter(limit.getRequestsPerSecond(), limit.getBurst(),
                limit.getMaxClients(), System::nanoTime), json, errors));
        registration.addUrlPatterns(base, base + "/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 2);
        registration.setName("forumkitApiRateLimitFilter");
        return registration;
    }

    @Bean
    @ConditionalOnMissingBean
    ForumkitApiSecurity forumkitApiSecurity(ForumkitApiProperties properties, ApiPath path, ApiJson json,
            ApiErrors errors) {
        return new ForumkitApiSecurity(properties, path, json, errors);
    }

    /**
     * Spring Boot's default chain (everything signed in, form login, HTTP Basic) with the API and widget open, in
     * place of Boot's own; web security enabled as Boot's security auto-configuration would.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnDefaultWebSecurity
    @EnableWebSecurity
    static class DefaultSecurity {

        @Bean
        @Order(SecurityFilterProperties.BASIC_AUTH_ORDER)
        SecurityFilterChain forumkitDefaultSecurityFilterChain(HttpSecurity http, ForumkitApiSecurity api,
                ForumkitWidgetProperties widget, ObjectProvider<DispatcherServletPath> servlet) throws Exception {
            http.authorizeHttpRequests(requests -> {
                requests.requestMatchers(api.requestMatcher()).permitAll();
                if (widget.isEnabled()) {
                    requests.requestMatchers(org.springframework.security.web.servlet.util.matcher
                            .PathPatternRequestMatcher.withDefaults().matcher(ApiPath.underServlet(servlet, widget.getPath())
                            + "/**")).permitAll();
                }
                requests.anyRequest().authenticated();
            });
            http.formLogin(Customizer.withDefaults());
            http.httpBasic(Customizer.withDefaults());
            http.with(new ForumkitApiConfigurer(), Customizer.withDefaults());
            return http.build();
        }
    }
}
