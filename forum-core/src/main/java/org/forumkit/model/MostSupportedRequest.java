package org.forumkit.model;

import java.util.Optional;

/**
 * A page of a topic's posts by support: up to {@code size} posts, most supported first and, at equal support, the
 * lower floor first, starting after {@code after} when given (keyset, never an offset), optionally only the posts
 * of one author (只看该作者). Deleted posts are left out of this order (a placeholder ranks nothing).
 */
public record MostSupportedRequest(SupportCursor after, int size, UserId onlyAuthor) {
    public MostSupportedRequest {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, was " + size);
        }
    }

    public static MostSupportedRequest first(int size) {
        return new MostSupportedRequest(null, size, null);
    }

    public static MostSupportedRequest after(SupportCursor after, int size) {
        return new MostSupportedRequest(after, size, null);
    }

    public MostSupportedRequest onlyBy(UserId author) {
        return new MostSupportedRequest(after, size, author);
    }

    /** The same request with one more post, to learn whether a next page exists. */
    public MostSupportedRequest withSize(int size) {
        return new MostSupportedRequest(after, size, onlyAuthor);
    }

    public Optional<SupportCursor> optionalAfter() {
        return Optional.ofNullable(after);
    }

    public Optional<UserId> optionalOnlyAuthor() {
        return Optional.ofNullable(onlyAuthor);
    }
}
