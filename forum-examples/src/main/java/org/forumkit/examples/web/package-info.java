/**
 * The demo site on Spring Boot: one Spring MVC controller per page group, typed view models (records) rendered by
 * Boot's Mustache support, Spring Security for the demo users' sign-in, the session and the CSRF tokens, and the
 * site's error page in 简体中文 and English. The JSON API and the widget are the JPA adapter's shipped ones.
 */
package org.forumkit.examples.web;
