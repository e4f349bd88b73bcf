package org.forumkit.model;

/**
 * A position in a topic's most-supported order (support descending, then floor ascending): the last post's support
 * count and floor, so the next page starts right after it. {@link #token()} is an opaque string a host can put in a
 * URL; {@link #parse(String)} reads it back.
 */
public record SupportCursor(long support, int floor) {
    /** The most-supported order: support descending, then floor ascending (floors are unique in a topic). */
    public static final java.util.Comparator<Post> ORDER = java.util.Comparator.comparingLong(Post::support).reversed()
            .thenComparingInt(Post::floor);

    public SupportCursor {
        if (support < 0) {
            throw new IllegalArgumentException("support must be >= 0, was " + support);
        }
        if (floor < 1) {
            throw new IllegalArgumentException("floor must be >= 1, was " + floor);
        }
    }

    /** The cursor just after {@code post} in the most-supported order. */
    public static SupportCursor after(Post post) {
        return new SupportCursor(post.support(), post.floor());
    }

    public String token() {
        return support + "." + floor;
    }

    /** Reads a token made by {@link #token()}; throws {@link IllegalArgumentException} for anything else. */
    public static SupportCursor parse(String token) {
        java.util.Objects.requireNonNull(token, "token");
        String[] parts = token.split("\\.", -1);
        if (parts.length != 2 || !parts[0].matches("[0-9]{1,18}") || !parts[1].matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("not a support cursor: '" + token + "'");
        }
        return new SupportCursor(Long.parseLong(parts[0]), Integer.parseInt(parts[1]));
    }

    /** Whether {@code post} comes after this cursor in the most-supported order. */
    public boolean precedes(Post post) {
        return post.support() < support || (post.support() == support && post.floor() > floor);
    }
}
