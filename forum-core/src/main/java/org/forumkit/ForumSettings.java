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
 * @param search               the limits of {@code forum.search()}
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
        Duration viewFlushInterval,
        SearchLimits search) {

    public ForumSettings {
        Objects.requireNonNull(search, "search");
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

    /** The settings before search limits were settings: search gets {@link SearchLimits#defaults()}. */
    public ForumSettings(int maxTitleLength, int maxBodyLength, int maxNameLength, int maxQuoteLength,
            int maxQuotesPerPost, int maxPageSize, boolean selfVoteAllowed, String moderatorRole, String adminRole,
            Duration viewWindow, Duration viewFlushInterval) {
        this(maxTitleLength, maxBodyLength, maxNameLength, maxQuoteLength, maxQuotesPerPost, maxPageSize,
                selfVoteAllowed, moderatorRole, adminRole, viewWindow, viewFlushInterval, SearchLimits.defaults());
    }

    /** Titles 80, bodies 20,000, names 64, quotes 300 code points; 10 quotes a post; pages of at most 200. */
    public static ForumSettings defaults() {
        return new ForumSettings(80, 20_000, 64, 300, 10, 200, false, "moderator", "admin",
                Duration.ofMinutes(30), Duration.ofSeconds(5), SearchLimits.defaults());
    }

    public ForumSettings withMaxTitleLength(int value) {
        return new ForumSettings(value, maxBodyLength, maxNameLength, maxQuoteLength, maxQuotesPerPost, maxPageSize,
                selfVoteAllowed, moderatorRole, adminRole, viewWindow, viewFlushInterval, search);
    }

    public ForumSettings withMaxBodyLength(int value) {
        return new ForumSettings(maxTitleLength, value, maxNameLength, maxQuoteLength, maxQuotesPerPost, maxPageSize,
                selfVoteAllowed, moderatorRole, adminRole, viewWindow, viewFlushInterval, search);
    }

    public ForumSettings withMaxNameLength(int value) {
        return new ForumSettings(maxTitleLength, maxBodyLength, value, maxQuoteLength, maxQuotesPerPost, maxPageSize,
                selfVoteAllowed, moderatorRole, adminRole, viewWindow, viewFlushInterval, search);
    }

    public ForumSettings withMaxQuoteLength(int value) {
        return new ForumSettings(maxTitleLength, maxBodyLength, maxNameLength, value, maxQuotesPerPost, maxPageSize,
                selfVoteAllowed, moderatorRole, adminRole, viewWindow, viewFlushInterval, search);
    }

    public ForumSettings withMaxQuotesPerPost(int value) {
        return new ForumSettings(maxTitleLength, maxBodyLength, maxNameLength, maxQuoteLength, value, maxPageSize,
                selfVoteAllowed, moderatorRole, adminRole, viewWindow, viewFlushInterval, search);
    }

    public ForumSettings withMaxPageSize(int value) {
        return new ForumSettings(maxTitleLength, maxBodyLength, maxNameLength, maxQuoteLength, maxQuotesPerPost,
                value, selfVoteAllowed, moderatorRole, adminRole, viewWindow, viewFlushInterval, search);
    }

    public ForumSettings withSelfVoteAllowed(boolean value) {
        return new ForumSettings(maxTitleLength, maxBodyLength, maxNameLength, maxQuoteLength, maxQuotesPerPost,
                maxPageSize, value, moderatorRole, adminRole, viewWindow, viewFlushInterval, search);
    }

    public ForumSettings withModeratorRole(String value) {
        return new ForumSettings(maxTitleLength, maxBodyLength, maxNameLength, maxQuoteLength, maxQuotesPerPost,
                maxPageSize, selfVoteAllowed, value, adminRole, viewWindow, viewFlushInterval, search);
    }

    public ForumSettings withAdminRole(String value) {
        return new ForumSettings(maxTitleLength, maxBodyLength, maxNameLength, maxQuoteLength, maxQuotesPerPost,
                maxPageSize, selfVoteAllowed, moderatorRole, value, viewWindow, viewFlushInterval, search);
    }

    public ForumSettings withViewWindow(Duration value) {
        return new ForumSettings(maxTitleLength, maxBodyLength, maxNameLength, maxQuoteLength, maxQuotesPerPost,
                maxPageSize, selfVoteAllowed, moderatorRole, adminRole, value, viewFlushInterval, search);
    }

    public ForumSettings withViewFlushInterval(Duration value) {
        return new ForumSettings(maxTitleLength, maxBodyLength, maxNameLength, maxQuoteLength, maxQuotesPerPost,
                maxPageSize, selfVoteAllowed, moderatorRole, adminRole, viewWindow, value, search);
    }

    public ForumSettings withSearch(SearchLimits value) {
        return new ForumSettings(maxTitleLength, maxBodyLength, maxNameLength, maxQuoteLength, maxQuotesPerPost,
                maxPageSize, selfVoteAllowed, moderatorRole, adminRole, viewWindow, viewFlushInterval, value);
    }

    /**
     * The limits of search, per query and per viewer. Text is indexed from two code points for words and one for
     * CJK, so the minimum word length can only be raised (to 2 or 3) and the CJK minimum only to 2 (no single
     * characters) without re-indexing.
     *
     * @param maxQueryLength    longest query, in code points
     * @param maxTerms          most distinct index terms one query may need (bounds the store's lookup)
     * @param maxHitsPerPage    largest page of hits; a larger page request gets this many
     * @param minWordLength     shortest searchable word of a non-CJK script, 2 or 3
     * @param minCjkLength      shortest searchable CJK term, 1 (single characters) or 2 (bigrams only)
     * @param perMember         searches one member may make within {@code window} on one node
     * @param anonymous         searches all anonymous visitors together may make within {@code window} on one node
     * @param window            the window of the per-viewer rate limit
     */
    public record SearchLimits(int maxQueryLength, int maxTerms, int maxHitsPerPage, int minWordLength,
            int minCjkLength, int perMember, int anonymous, Duration window) {

        public SearchLimits {
            positive("search.maxQueryLength", maxQueryLength);
            positive("search.maxTerms", maxTerms);
            positive("search.maxHitsPerPage", maxHitsPerPage);
            between("search.minWordLength", minWordLength, 2, 3);
            between("search.minCjkLength", minCjkLength, 1, 2);
            positive("search.perMember", perMember);
            positive("search.anonymous", anonymous);
            Objects.requireNonNull(window, "search.window");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("search.window must be positive, was " + window);
            }
        }

        /** Queries of 100 code points and 16 terms, pages of 50 hits, words from 2 and CJK from 1 code point, 30
         * searches a minute per member and 300 for all anonymous visitors. */
        public static SearchLimits defaults() {
            return new SearchLimits(100, 16, 50, 2, 1, 30, 300, Duration.ofMinutes(1));
        }

        public SearchLimits withMaxQueryLength(int value) {
            return new SearchLimits(value, maxTerms, maxHitsPerPage, minWordLength, minCjkLength, perMember,
                    anonymous, window);
        }

        public SearchLimits withMaxTerms(int value) {
            return new SearchLimits(maxQueryLength, value, maxHitsPerPage, minWordLength, minCjkLength, perMember,
                    anonymous, window);
        }

        public SearchLimits withMaxHitsPerPage(int value) {
            return new SearchLimits(maxQueryLength, maxTerms, value, minWordLength, minCjkLength, perMember,
                    anonymous, window);
        }

        public SearchLimits withMinWordLength(int value) {
            return new SearchLimits(maxQueryLength, maxTerms, maxHitsPerPage, value, minCjkLength, perMember,
                    anonymous, window);
        }

        public SearchLimits withMinCjkLength(int value) {
            return new SearchLimits(maxQueryLength, maxTerms, maxHitsPerPage, minWordLength, value, perMember,
                    anonymous, window);
        }

        public SearchLimits withRate(int perMember, int anonymous, Duration window) {
            return new SearchLimits(maxQueryLength, maxTerms, maxHitsPerPage, minWordLength, minCjkLength, perMember,
                    anonymous, window);
        }

        private static void between(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be " + min + " to " + max + ", was " + value);
            }
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, was " + value);
        }
    }
}
