package org.forumkit.jpa.spring.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletPath;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Serves the comments widget's {@code forumkit.js} and {@code forumkit.css} under {@code forumkit.widget.path}, on
 * with {@code forumkit.widget.enabled=true} in a servlet web application with Spring MVC.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(value = DispatcherServlet.class,
        name = "org.springframework.boot.webmvc.autoconfigure.DispatcherServletPath")
@ConditionalOnProperty(prefix = "forumkit.widget", name = "enabled", havingValue = "true")
@EnableConfigurationProperties({ForumkitApiProperties.class, ForumkitWidgetProperties.class})
public class ForumkitWidgetAutoConfiguration {

    @Bean
    ForumkitWidgetController forumkitWidgetController(ForumkitApiProperties api, ForumkitWidgetProperties widget,
            ObjectProvider<DispatcherServletPath> servlet) {
        ForumkitApiProperties.checked("forumkit.widget.path", widget.getPath());
        // The script calls the API by the path the browser uses: under spring.mvc.servlet.path when there is one.
        return new ForumkitWidgetController(ApiPath.underServlet(servlet, api.checkedBasePath()), widget.getLoginUrl(),
                widget.getMaxAge());
    }
}
