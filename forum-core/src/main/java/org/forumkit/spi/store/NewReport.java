package org.forumkit.spi.store;

import java.time.Instant;
import java.util.Objects;
import org.forumkit.model.Author;
import org.forumkit.model.BoardId;
import org.forumkit.model.PostId;
import org.forumkit.model.ReportReason;
import org.forumkit.model.TopicId;

/** A validated report to file: a new open report, or the reporter's open one on the post replaced. */
public record NewReport(PostId postId, TopicId topicId, BoardId boardId, Author reporter, ReportReason reason,
        String text, Instant at) {
    public NewReport {
        Objects.requireNonNull(postId, "postId");
        Objects.requireNonNull(topicId, "topicId");
        Objects.requireNonNull(boardId, "boardId");
        Objects.requireNonNull(reporter, "reporter");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(at, "at");
    }
}
