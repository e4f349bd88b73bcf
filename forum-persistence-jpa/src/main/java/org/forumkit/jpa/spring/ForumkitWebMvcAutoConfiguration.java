package org.forumkit.jpa.spring;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets Spring MVC controller methods take a forum {@code Viewer} parameter, given a {@link ViewerResolver}. */
@AutoConfiguration(after = ForumkitSecurityAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(WebMvcConfigurer.class)
@ConditionalOnBean(ViewerResolver.class)
public class ForumkitWebMvcAutoConfiguration implements WebMvcConfigurer {
    private final ObjectProvider<ViewerArgumentResolver> resolver;

    ForumkitWebMvcAutoConfiguration(ObjectProvider<ViewerArgumentResolver> resolver) {
        this.resolver = resolver;
    }

    @Bean
    @ConditionalOnMissingBean
    ViewerArgumentResolver forumkitViewerArgumentResolver(ViewerResolver viewers) {
        return new ViewerArgumentResolver(viewers);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolver.ifAvailable(resolvers::add);
    }
}
