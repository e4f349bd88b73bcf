package org.forumkit.render;

import java.util.Locale;
import java.util.Optional;

/** Decides which link and image URLs may reach the page; everything else is shown as text. */
final class Links {
    static final String REL = "nofollow ugc noopener";
    private static final int MAX_URL_LENGTH = 2048;

    private final RenderOptions options;

    Links(RenderOptions options) {
        this.options = options;
    }

    /** The URL as an {@code href}, or empty when it is not an allowed link. */
    Optional<String> href(String raw) {
        String url = clean(raw);
        if (url == null) {
            return Optional.empty();
        }
        String scheme = scheme(url);
        if (scheme == null) {
            return options.relativeLinks() && safeRelative(url) ? Optional.of(url) : Optional.empty();
        }
        return switch (scheme) {
            case "http", "https" -> hasHost(url, scheme) ? Optional.of(url) : Optional.empty();
            case "mailto" -> url.length() > "mailto:".length() ? Optional.of(url) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** The URL as an image {@code src} after the host's rewriter, or empty when no image may be shown. */
    Optional<String> imageSrc(String raw) {
        return image(raw).flatMap(url -> {
            try {
                return options.imageUrls().rewrite(url);
            } catch (RuntimeException e) {
                // A failing host hook must not make rendering fail; the image is simply not shown.
                return Optional.empty();
            }
        }).flatMap(this::image);
    }

    private Optional<String> image(String raw) {
        String url = raw == null ? null : clean(raw);
        if (url == null) {
            return Optional.empty();
        }
        String scheme = scheme(url);
        if (scheme == null) {
            return options.relativeLinks() && safeRelative(url) ? Optional.of(url) : Optional.empty();
        }
        boolean allowed = scheme.equals("https") || (scheme.equals("http") && options.httpImages());
        return allowed && hasHost(url, scheme) ? Optional.of(url) : Optional.empty();
    }

    /** Whether a (checked) URL leaves the site and so gets {@link #REL}. */
    static boolean isExternal(String url) {
        return scheme(url) != null;
    }

    /**
     * The URL without surrounding white space, or {@code null} when it contains anything a browser might strip
     * or reinterpret (controls, white space, format characters, quotes, angle brackets, backslashes).
     */
    private static String clean(String raw) {
        String url = raw.strip();
        if (url.isEmpty() || url.length() > MAX_URL_LENGTH) {
            return null;
        }
        for (int i = 0; i < url.length(); ) {
            int cp = url.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (cp <= 0x20 || Character.isWhitespace(cp) || Character.isSpaceChar(cp) || type == Character.CONTROL
                    || type == Character.FORMAT || type == Character.SURROGATE || type == Character.UNASSIGNED
                    || type == Character.PRIVATE_USE || "\"'<>`\\".indexOf(cp) >= 0) {
                return null;
            }
        }
        return url;
    }

    /** The lower-case scheme, or {@code null} for a relative URL. A colon before any slash means a scheme. */
    private static String scheme(String url) {
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == ':') {
                return i == 0 ? "" : url.substring(0, i).toLowerCase(Locale.ROOT);
            }
            if (c == '/' || c == '?' || c == '#') {
                return null;
            }
        }
        return null;
    }

    private static boolean hasHost(String url, String scheme) {
        int at = scheme.length() + 1;
        return url.startsWith("//", at) && url.length() > at + 2 && "/?#@".indexOf(url.charAt(at + 2)) < 0;
    }

    /** A path, query or fragment; protocol-relative {@code //host} and encoded colons are refused. */
    private static boolean safeRelative(String url) {
        if (url.startsWith("//")) {
            return false;
        }
        int end = url.length();
        for (int i = 0; i < url.length(); i++) {
            if ("/?#".indexOf(url.charAt(i)) >= 0) {
                end = i;
                break;
            }
        }
        return !url.substring(0, end).toLowerCase(Locale.ROOT).contains("%3a");
    }
}
