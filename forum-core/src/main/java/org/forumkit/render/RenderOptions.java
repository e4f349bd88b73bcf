package org.forumkit.render;

import java.util.Objects;

/**
 * The link and image rules every built-in renderer follows. Links may be {@code http}, {@code https} or
 * {@code mailto} (and relative when {@code relativeLinks}); images {@code https} only unless {@code httpImages}.
 * Start from {@link #defaults()}, the safe choice, and change what you need with the {@code with…} methods.
 *
 * @param relativeLinks whether relative links and image paths ({@code /t/12}, {@code ../a.png}) are kept
 * @param httpImages    whether plain {@code http} images are allowed (mixed content on an HTTPS page)
 * @param imageUrls     rewrites or proxies every allowed image URL
 * @param maxQuoteDepth deepest nesting of quotes ({@code [quote]}, {@code >}) shown as quote blocks; deeper
 *                      quotes are flattened into their parent
 * @param maxListDepth  deepest nesting of lists ({@code [list]}, {@code -}, {@code 1.}) shown as lists; deeper lists
 *                      are flattened into their parent item, so crafted input cannot nest without bound
 */
public record RenderOptions(boolean relativeLinks, boolean httpImages, ImageUrlRewriter imageUrls, int maxQuoteDepth,
        int maxListDepth) {
    /** Deepest quote nesting allowed; beyond this a page is unreadable anyway. */
    public static final int MAX_QUOTE_DEPTH_LIMIT = 16;
    /** Deepest list nesting allowed. */
    public static final int MAX_LIST_DEPTH_LIMIT = 16;

    public RenderOptions {
        Objects.requireNonNull(imageUrls, "imageUrls");
        if (maxQuoteDepth < 1 || maxQuoteDepth > MAX_QUOTE_DEPTH_LIMIT) {
            throw new IllegalArgumentException("maxQuoteDepth must be 1.." + MAX_QUOTE_DEPTH_LIMIT + ", was "
                    + maxQuoteDepth);
        }
        if (maxListDepth < 1 || maxListDepth > MAX_LIST_DEPTH_LIMIT) {
            throw new IllegalArgumentException("maxListDepth must be 1.." + MAX_LIST_DEPTH_LIMIT + ", was "
                    + maxListDepth);
        }
    }

    /** No relative links, {@code https} images only, unchanged image URLs, quotes nested 3 deep, lists 6 deep. */
    public static RenderOptions defaults() {
        return new RenderOptions(false, false, ImageUrlRewriter.IDENTITY, 3, 6);
    }

    public RenderOptions withRelativeLinks(boolean value) {
        return new RenderOptions(value, httpImages, imageUrls, maxQuoteDepth, maxListDepth);
    }

    public RenderOptions withHttpImages(boolean value) {
        return new RenderOptions(relativeLinks, value, imageUrls, maxQuoteDepth, maxListDepth);
    }

    public RenderOptions withImageUrls(ImageUrlRewriter value) {
        return new RenderOptions(relativeLinks, httpImages, value, maxQuoteDepth, maxListDepth);
    }

    public RenderOptions withMaxQuoteDepth(int value) {
        return new RenderOptions(relativeLinks, httpImages, imageUrls, value, maxListDepth);
    }

    public RenderOptions withMaxListDepth(int value) {
        return new RenderOptions(relativeLinks, httpImages, imageUrls, maxQuoteDepth, value);
    }
}
