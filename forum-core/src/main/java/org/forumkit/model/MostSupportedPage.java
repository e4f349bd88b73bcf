package org.forumkit.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A topic's posts in the most-supported order as a viewer sees them: {@code page} holds them (its {@code next} is
 * {@code null}: floors do not page this order), {@code next} is where the following page starts, {@code null} on
 * the last page. Votes cast between two pages can move a post across the cursor; each page is exact when read.
 */
public record MostSupportedPage(TopicPage page, SupportCursor next) {
    public MostSupportedPage {
        Objects.requireNonNull(page, "page");
    }

    public Optional<SupportCursor> optionalNext() {
        return Optional.ofNullable(next);
    }
}
