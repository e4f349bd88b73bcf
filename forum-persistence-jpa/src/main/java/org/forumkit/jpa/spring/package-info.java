/**
 * Spring Boot support for the JPA store: auto-configuration of a {@link org.forumkit.Forum} on the host's persistence
 * unit, Spring-managed transactions, the forum's migrations, {@code forumkit.*} properties and the viewer from Spring
 * Security. Every Spring dependency of this package is optional: a host without Spring never loads it.
 */
package org.forumkit.jpa.spring;
