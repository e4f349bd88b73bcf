package org.forumkit;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and switches of a forum. Text limits count Unicode code points, not Java chars ({@code "中文标题😀"} is 5).
 * Start from {@link #defaults()} and change what you need with the {@code with…} methods, one per setting.
 *
 * @param maxTitleLength       longest topic title
 * @param maxBodyLength        longest post body (source)
 * @param maxNameLength        longest board name, display name or topic type
 * @param maxQuoteLength       longest quote excerpt stored; longer quotes are cut and marked truncated
 * @param maxQuotesPerPost     how many posts one reply may quote
 * @param maxPageSize          largest topic or board page
 * @param selfVoteAllowed      whether users may vote on their own posts
 * @param moderatorRole        the host role of global moderators
 * @param adminRole            the host role allowed to create boards
 * @param viewWindow           a viewer's repeated views of a topic within this window count once
 * @param viewFlushInterval    how often buffered views are written to the store; {@link Duration#ZERO} for only
 *                             when {@code forum.views().flush()} or {@code forum.close()} is called
 */
public record ForumSettings(
        int maxTitleLength,
        int maxBodyLength,
        int maxNameLength,
        int maxQuoteLength,
        int maxQuotesPerPost,
        int maxPageSize,
        boolean selfVoteAllowed,
        String moderatorRole,
        String adminRole,
        Duration viewWindow,
        Duration viewFlushInterval) {

    public ForumSettings {
        positive("maxTitleLength", maxTitleLength);
        positive("maxBodyLength", maxBodyLength);
        positive("maxNameLength", maxNameLength);
        positive("maxQuoteLength", maxQuoteLength);
        positive("maxQuotesPerPost", maxQuotesPerPost);
        positive("maxPageSize", maxPageSize);
        Objects.requireNonNull(moderatorRole, "moderatorRole");
        Objects.requireNonNull(adminRole, "adminRole");
        Objects.requireNonNull(viewWindow, "viewWindow");
        Objects.requireNonNull(viewFlushInterval, "viewFlushInterval");
        if (viewWindow.isNegative() || viewFlushInterval.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative: viewWindow=" + viewWindow
                    + ", viewFlushInterval=" + viewFlushInterval);
        }
    }

    /** Titles 80, bodies 20,000, names 64, quotes 300 code points; 10 quotes a post; pages of at most 200. */
    public static ForumSettings defaults() {
        return new ForumSettings(80, 20_000, 64, 300, 10, 200, false, "moderator", "admin",
                Duration.ofMinutes(30), Duration.ofSeconds(5));
    }

    public ForumSettings withMaxTitleLength(int value) {
        return new ForumSettings(value, maxBodyLength, maxNameLength, maxQuoteLength, maxQuotesPerPost, maxPageSize,
                selfVoteAllowed, moderatorRole, adminRole, viewWindow, viewFlushInterval);
    }

    public ForumSettings withMaxBodyLength(int value) {
        return new ForumSettings(maxTitleLength, value, maxNameLength, maxQuoteLength, maxQuotesPerPost, maxPageSize,
                selfVoteAllowed, moderatorRole, adminRole, viewWindow, viewFlushInterval);
    }

    public ForumSettings withMaxNameLength(int value) {
        return new ForumSettings(maxTitleLength, maxBodyLength, value, maxQuoteLength, maxQuotesPerPost, maxPageSize,
                selfVoteAllowed, moderatorRole, adminRole, viewWindow, viewFlushInterval);
    }

    public ForumSettings withMaxQuoteLength(int value) {
        return new ForumSettings(maxTitleLength, maxBodyLength, maxNameLength, value, maxQuotesPerPost, maxPageSize,
                selfVoteAllowed, moderatorRole, adminRole, viewWindow, viewFlushInterval);
    }

    public ForumSettings withMaxQuotesPerPost(int value) {
        return new ForumSettings(maxTitleLength, maxBodyLength, maxNameLength, maxQuoteLength, value, maxPageSize,
                selfVoteAllowed, moderatorRole, adminRole, viewWindow, viewFlushInterval);
    }

    public ForumSettings withMaxPageSize(int value) {
        return new ForumSettings(maxTitleLength, maxBodyLength, maxNameLength, maxQuoteLength, maxQuotesPerPost,
                value, selfVoteAllowed, moderatorRole, adminRole, viewWindow, viewFlushInterval);
    }

    public ForumSettings withSelfVoteAllowed(boolean value) {
        return new ForumSettings(maxTitleLength, maxBodyLength, maxNameLength, maxQuoteLength, maxQuotesPerPost,
                maxPageSize, value, moderatorRole, adminRole, viewWindow, viewFlushInterval);
    }

    public ForumSettings withModeratorRole(String value) {
        return new ForumSettings(maxTitleLength, maxBodyLength, maxNameLength, maxQuoteLength, maxQuotesPerPost,
                maxPageSize, selfVoteAllowed, value, adminRole, viewWindow, viewFlushInterval);
    }

    public ForumSettings withAdminRole(String value) {
        return new ForumSettings(maxTitleLength, maxBodyLength, maxNameLength, maxQuoteLength, maxQuotesPerPost,
                maxPageSize, selfVoteAllowed, moderatorRole, value, viewWindow, viewFlushInterval);
    }

    public ForumSettings withViewWindow(Duration value) {
        return new ForumSettings(maxTitleLength, maxBodyLength, maxNameLength, maxQuoteLength, maxQuotesPerPost,
                maxPageSize, selfVoteAllowed, moderatorRole, adminRole, value, viewFlushInterval);
    }

    public ForumSettings withViewFlushInterval(Duration value) {
        return new ForumSettings(maxTitleLength, maxBodyLength, maxNameLength, maxQuoteLength, maxQuotesPerPost,
                maxPageSize, selfVoteAllowed, moderatorRole, adminRole, viewWindow, value);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, was " + value);
        }
    }
}
