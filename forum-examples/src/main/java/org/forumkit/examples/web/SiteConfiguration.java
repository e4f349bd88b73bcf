package org.forumkit.examples.web;

import com.samskivert.mustache.Mustache;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.forumkit.Forum;
import org.forumkit.examples.QueryCounter;
import org.forumkit.examples.SqlCounter;
import org.forumkit.jpa.spring.web.CommentThreads;
import org.forumkit.model.Viewer;
import org.springframework.boot.mustache.autoconfigure.MustacheResourceTemplateLoader;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.util.unit.DataSize;
import org.springframework.core.Ordered;

/** The site's web plumbing: the template compiler, the footer's counter and the filters that run before security. */
@Configuration(proxyBeanMethods = false)
class SiteConfiguration {
    private static final String COMMENTS = "comments";

    /**
     * Mustache as the templates expect it: {@code {{…}}} escapes every value (a post's rendered body alone goes in
     * raw, {@code {{{html}}}}, made safe by the library when the post was written); a null value writes nothing and
     * an empty string is a false section; a name no view model has is an error, not a blank.
     */
    @Bean
    Mustache.Compiler mustacheCompiler(MustacheResourceTemplateLoader templates) {
        return Mustache.compiler().withLoader(templates).nullValue("").emptyStringIsFalse(true);
    }

    /**
     * The site's pages that have comments, and their threads' titles: the site names its threads, so a visitor can
     * neither start a thread for a made-up key nor title one. Threads already there (imported from Disqus or
     * WordPress: their pages existed on the old site) keep theirs.
     */
    @Bean
    CommentThreads commentThreads(Forum forum) {
        CommentThreads articles = CommentThreads.of(COMMENTS,
                Map.of("article-" + HomeController.ARTICLE, HomeController.ARTICLE_TITLE));
        return key -> articles.thread(key).or(() -> forum.boards().bySlug(Viewer.anonymous(), COMMENTS)
                .flatMap(board -> forum.topics().byExternalKey(Viewer.anonymous(), board.id(), key))
                .map(topic -> new CommentThreads.Thread(COMMENTS, topic.title())));
    }

    @Bean
    QueryCounter queryCounter() {
        return SqlCounter.INSTANCE;
    }

    /**
     * The footer's counter sees every statement on the site's connections: Hibernate's and those the JPA store runs
     * on the raw connection (its topic page), as the benchmark's ceiling's (all three share the data source).
     */
    @Bean
    static BeanPostProcessor statementCounter() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource dataSource ? SqlCounter.INSTANCE.wrap(dataSource) : bean;
            }
        };
    }

    @Bean
    FilterRegistrationBean<RequestTiming> requestTiming(QueryCounter queries) {
        FilterRegistrationBean<RequestTiming> registration = new FilterRegistrationBean<>(new RequestTiming(queries));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** After the character encoding filter (so forms decode as UTF-8), before Spring Security reads the token. */
    @Bean
    FilterRegistrationBean<FormLimit> formLimit(
            @Value("${server.tomcat.max-http-form-post-size:256KB}") DataSize maxForm,
            @Value("${forumkit.demo.form-read-timeout:30s}") Duration readTimeout) {
        FilterRegistrationBean<FormLimit> registration = new FilterRegistrationBean<>(
                new FormLimit(maxForm.toBytes(), readTimeout));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }
}
