package org.forumkit.spi;

import org.forumkit.model.ContentFormat;

/**
 * Turns a post body in one {@link ContentFormat} into safe HTML. Bodies are rendered once when written or
 * edited and the result stored with {@link #version()}, so reading a page renders nothing.
 */
public interface ContentRenderer {

    ContentFormat format();

    /** Name and version of this renderer, stored with each rendering (e.g. {@code plain/1}). */
    String version();

    /** Safe HTML for {@code source}; must never throw for any input. */
    String render(String source);
}
