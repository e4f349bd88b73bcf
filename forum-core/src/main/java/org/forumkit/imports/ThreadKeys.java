package org.forumkit.imports;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The page key of an exported thread: a page URL without its scheme, {@code www.}, fragment, tracking query
 * parameters and trailing slash, so that the http and https, tracked and untracked copies of one page meet; any
 * other identifier is kept as it is, trimmed.
 */
public final class ThreadKeys {
    private static final Pattern TRACKING = Pattern.compile(
            "utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|yclid|_ga|ref|spm", Pattern.CASE_INSENSITIVE);
    /** The longest key a topic keeps. */
    public static final int MAX_LENGTH = 191;

    private ThreadKeys() {
    }

    /** The key of {@code idOrUrl}; empty for a blank one. */
    public static String normalize(String idOrUrl) {
        String raw = idOrUrl == null ? "" : idOrUrl.strip();
        if (!raw.regionMatches(true, 0, "http://", 0, 7) && !raw.regionMatches(true, 0, "https://", 0, 8)
                && !raw.startsWith("//")) {
            return cut(raw);
        }
        try {
            URI uri = new URI(raw.startsWith("//") ? "http:" + raw : raw);
            if (uri.getHost() == null) {
                return cut(raw);
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            host = host.startsWith("www.") ? host.substring(4) : host;
            int port = uri.getPort();
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            StringJoiner query = new StringJoiner("&");
            if (uri.getRawQuery() != null) {
                for (String pair : uri.getRawQuery().split("&")) {
                    String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                    if (!pair.isEmpty() && !TRACKING.matcher(name).matches()) {
                        query.add(pair);
                    }
                }
            }
            String key = host + (port > 0 && port != 80 && port != 443 ? ":" + port : "") + path
                    + (query.length() > 0 ? "?" + query : "");
            return cut(key);
        } catch (URISyntaxException e) {
            return cut(raw);
        }
    }

    private static String cut(String key) {
        return key.length() > MAX_LENGTH ? key.substring(0, MAX_LENGTH) : key;
    }
}
