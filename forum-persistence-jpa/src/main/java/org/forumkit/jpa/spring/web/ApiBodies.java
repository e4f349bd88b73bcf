package org.forumkit.jpa.spring.web;

import java.util.List;
import org.forumkit.model.Board;
import org.forumkit.model.Decision;
import org.forumkit.model.ViewerPermissions;
import org.forumkit.model.ReportReason;
import org.forumkit.model.Resolution;
import org.forumkit.model.SearchHit;
import org.forumkit.model.Topic;
import org.forumkit.model.Viewer;

/** The API's request and response bodies (field names are the JSON's, as forum-examples/README.md documents). */
final class ApiBodies {
    private ApiBodies() {
    }

    // ------------------------------------------------------------------ requests

    /** {@code POST {base}/boards/{slug}/topics}. */
    record StartTopicRequest(String title, String type, String body, String format) {
    }

    /** A quoted floor, optionally with the excerpt to keep. */
    record QuoteRequest(Integer floor, String excerpt) {
    }

    /** {@code POST {base}/topics/{id}/replies}. */
    record ReplyRequest(String body, String format, QuoteRequest quote, Integer replyToFloor) {
    }

    /**
     * {@code POST {base}/comments?key=…}: a reply. {@code title} is still read for old clients and ignored: the
     * host's {@link CommentThreads} names the thread, never a visitor.
     */
    record CommentRequest(String body, String title, String format, QuoteRequest quote, Integer replyToFloor) {
        ReplyRequest reply() {
            return new ReplyRequest(body, format, quote, replyToFloor);
        }
    }

    /** What a vote becomes: {@code NONE} takes it back. */
    enum VoteChoice {
        SUPPORT, OPPOSE, NONE
    }

    /** {@code PUT {base}/posts/{id}/vote}. */
    record VoteRequest(VoteChoice vote) {
    }

    /** {@code POST {base}/posts/{id}/reports}. */
    record ReportRequest(ReportReason reason, String text) {
    }

    /** {@code POST {base}/reports/{id}/resolve}. */
    record ResolveRequest(Resolution resolution, String reason) {
    }

    // ------------------------------------------------------------------ responses

    /** {@code GET {base}/session}: who is signed in and the CSRF token (and its header) for writes. */
    record SessionBody(Viewer.Member user, String csrfToken, String csrfHeader) {
    }

    /** {@code GET {base}/boards/{slug}/topics}. */
    record BoardTopicsBody(Board board, List<Topic> topics, ViewerPermissions permissions, String nextCursor) {
    }

    /** {@code GET {base}/search}. */
    record SearchBody(List<SearchHit> hits, String nextCursor) {
    }

    /** {@code POST {base}/preview}: a draft to render for the board of a comment thread ({@code key}) or a board. */
    record PreviewRequest(String body, String format, String key, String board) {
    }

    /**
     * {@code GET {base}/comments?key=…}; {@code topic} and {@code page} are null before the first comment. The
     * widget's first view in one request: {@code count} (visible comments), {@code session} (as {@code GET
     * /session}), the formats a comment may be written in and the longest body in code points.
     */
    record CommentsBody(String key, Topic topic, Object page, Decision canComment, long count, SessionBody session,
            List<String> formats, int maxBodyLength) {
    }

    /** {@code GET {base}/comments/counts?key=…&key=…}: visible comments per key the host knows. */
    record CountsBody(java.util.Map<String, Long> counts) {
    }

    /** {@code POST {base}/preview}. */
    record PreviewBody(String html) {
    }
}
