package org.forumkit.render;

import java.util.Optional;

/**
 * A host hook that rewrites or proxies image URLs (e.g. through a caching HTTPS image proxy) before they are put
 * into {@code src}; it sees only URLs the image rule already allows, and its result is checked again.
 */
@FunctionalInterface
public interface ImageUrlRewriter {

    /** Keeps every allowed image URL as it is. */
    ImageUrlRewriter IDENTITY = Optional::of;

    /** The URL to show instead of {@code url}, or empty to show no image (its text is shown instead). */
    Optional<String> rewrite(String url);
}
