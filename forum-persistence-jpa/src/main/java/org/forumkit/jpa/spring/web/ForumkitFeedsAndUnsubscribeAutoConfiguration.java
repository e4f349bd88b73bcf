package org.forumkit.jpa.spring.web;

import org.forumkit.DeliverySettings;
import org.forumkit.FeedLinks;
import org.forumkit.Forum;
import org.forumkit.jpa.spring.ForumkitAutoConfiguration;
import org.forumkit.jpa.spring.ForumkitDeliveryProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The forum's two public non-API pages in a servlet web application: the Atom feeds ({@code /b/{slug}.atom},
 * {@code /t/{id}.atom}, with {@code forumkit.feeds.enabled=true}) and the unsubscribe page of notification mails
 * ({@code forumkit.deliveries.unsubscribe-path}, once a {@link DeliverySettings} bean turns deliveries on). The host
 * permits these paths to everyone in its security chain; {@link ForumkitApiConfigurer} exempts the unsubscribe path
 * from CSRF (its signed token is the credential).
 */
@AutoConfiguration(after = ForumkitAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(Forum.class)
@EnableConfigurationProperties({ForumkitFeedsProperties.class, ForumkitDeliveryProperties.class})
public class ForumkitFeedsAndUnsubscribeAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "forumkit.feeds", name = "enabled", havingValue = "true")
    static class Feeds {

        @Bean
        @ConditionalOnMissingBean
        FeedLinks forumkitFeedLinks(ForumkitFeedsProperties properties) {
            return ForumkitFeedsController.links(properties);
        }

        @Bean
        ForumkitFeedsController forumkitFeedsController(Forum forum, FeedLinks links,
                ForumkitFeedsProperties properties) {
            return new ForumkitFeedsController(forum, links, properties.getEntries());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(DeliverySettings.class)
    static class Unsubscribe {

        @Bean
        ForumkitUnsubscribeController forumkitUnsubscribeController(Forum forum,
                ForumkitDeliveryProperties properties) {
            String path = properties.getUnsubscribePath();
            if (path == null || !path.matches("/[A-Za-z0-9._~/-]*") || path.contains("//")) {
                throw new IllegalArgumentException("forumkit.deliveries.unsubscribe-path must be a plain path such as "
                        + "/unsubscribe, not " + path);
            }
            return new ForumkitUnsubscribeController(forum, path, new ApiJson());
        }
    }
}
