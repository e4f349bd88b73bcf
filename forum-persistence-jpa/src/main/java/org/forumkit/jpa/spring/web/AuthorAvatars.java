package org.forumkit.jpa.spring.web;

import java.util.Optional;
import org.forumkit.model.UserId;

/**
 * The host's avatar for a forum user, shown by the comments widget beside each comment: define a bean of this type
 * and every author object of the API's topic and comment pages gains {@code avatarUrl}. Only {@code https:} and
 * {@code http:} URLs and paths of the host's own origin (starting with one {@code /}) are passed on; the widget
 * shows the author's initials otherwise.
 */
@FunctionalInterface
public interface AuthorAvatars {

    /** The avatar image of this user, or empty for the initials. */
    Optional<String> avatarUrl(UserId user);

    /** Whether the API passes this URL on: an absolute http(s) URL or a path of the page's own origin. */
    static boolean acceptable(String url) {
        if (url == null || url.length() > 2048 || url.chars().anyMatch(c -> c <= 0x20 || c == '"' || c == '\\')) {
            return false;
        }
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://")
                || (url.startsWith("/") && !url.startsWith("//"));
    }
}
