package org.forumkit.model;

import jakarta.validation.constraints.NotNull;

/**
 * Reports a post (举报) to the board's moderators. A user has one open report per post: reporting again replaces
 * its reason and text.
 *
 * @param text free text, at most 500 code points; required with {@link ReportReason#OTHER}
 */
public record ReportPost(@NotNull PostId postId, @NotNull ReportReason reason, String text) {

    public static ReportPost of(PostId postId, ReportReason reason) {
        return new ReportPost(postId, reason, null);
    }

    public static ReportPost of(PostId postId, ReportReason reason, String text) {
        return new ReportPost(postId, reason, text);
    }
}
