package org.forumkit.examples.web;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the site may send a browser after sign-in or a language switch: a path of this site, nothing else. A
 * target is taken only when it is printable ASCII (no space, no control character, no backslash: browsers drop
 * tabs and line breaks from URLs and read {@code \} as {@code /}, and a header writer may cut U+010D to a CR), starts
 * with one {@code /} and parses as a URI without scheme or host; anything else becomes {@code /}.
 */
final class LocalRedirects {
    private LocalRedirects() {
    }

    static String target(String next) {
        if (next == null || next.length() > 2000 || !next.startsWith("/") || next.startsWith("//")) {
            return "/";
        }
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '\\') {
                return "/";
            }
        }
        try {
            URI uri = new URI(next);
            if (uri.getScheme() != null || uri.getRawAuthority() != null || uri.getRawPath() == null
                    || !uri.getRawPath().startsWith("/") || uri.getRawPath().startsWith("//")) {
                return "/";
            }
        } catch (URISyntaxException e) {
            return "/";
        }
        return next;
    }
}
