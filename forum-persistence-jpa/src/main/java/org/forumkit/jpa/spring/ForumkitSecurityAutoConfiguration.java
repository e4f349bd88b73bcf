package org.forumkit.jpa.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The forum viewer from Spring Security's current {@link Authentication}, when Spring Security is present. */
@AutoConfiguration
@ConditionalOnClass({Authentication.class, SecurityContextHolder.class})
@EnableConfigurationProperties(ForumkitProperties.class)
public class ForumkitSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(ViewerResolver.class)
    AuthenticationViewerResolver forumkitViewerResolver(ForumkitProperties properties) {
        return new AuthenticationViewerResolver(properties.getViewer().getDisplayName(),
                properties.getViewer().getRolePrefix());
    }
}
