package org.forumkit.model;

import jakarta.validation.constraints.NotNull;

/**
 * Replaces a post's body; the post's revision goes up by one and quotes of it elsewhere stay as they were.
 *
 * @param format the new markup, or {@code null} to keep the post's format
 */
public record EditPost(@NotNull PostId postId, @NotNull String body, ContentFormat format) {

    public static EditPost of(PostId postId, String body) {
        return new EditPost(postId, body, null);
    }
}
