/**
 * The forum's JSON API and the comments widget in a Spring Boot site: {@link
 * org.forumkit.jpa.spring.web.ForumkitApiAutoConfiguration} ({@code forumkit.api.*}), {@link
 * org.forumkit.jpa.spring.web.ForumkitWidgetAutoConfiguration} ({@code forumkit.widget.*}), the Spring Security
 * hook {@link org.forumkit.jpa.spring.web.ForumkitApiConfigurer}, the host's {@link
 * org.forumkit.jpa.spring.web.CommentThreads}, and {@link org.forumkit.jpa.spring.web.BufferedBodyRequest} for a host
 * that bounds its own request bodies as the API does. Uses the optional Spring MVC, Spring Security and Jackson 2
 * dependencies of this module.
 */
package org.forumkit.jpa.spring.web;
