package org.forumkit.jpa.spring.host;

import javax.sql.DataSource;
import org.forumkit.Forum;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A Spring Boot host with entities of its own and no Forumkit code but its listener and permission policy beans:
 * its auto-configuration package (this one) is what Spring Boot scans for entities.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class HostApp {

    @Bean
    EventLog eventLog(DataSource dataSource) {
        return new EventLog(dataSource);
    }

    @Bean
    FlakyPolicy flakyPolicy() {
        return new FlakyPolicy();
    }

    @Bean
    HostService hostService(Forum forum) {
        return new HostService(forum);
    }
}
