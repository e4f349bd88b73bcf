package org.forumkit.jpa.spring.host;

import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The same host with an {@code @EntityScan} of its own, which replaces the packages Spring Boot scans. */
@Configuration(proxyBeanMethods = false)
@Import(HostApp.class)
@EntityScan(basePackageClasses = Note.class)
public class EntityScanHostApp {
}
