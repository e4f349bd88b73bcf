package org.forumkit.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a board's open reports, oldest first.
 *
 * @param total         how many reports of the board are open in all
 * @param reportersByPost for each reported post on this page, how many users have an open report on it
 * @param next          the cursor of the next page (the last report of this one), or {@code null} on the last page
 */
public record ReportQueue(BoardId boardId, List<Report> reports, long total, Map<PostId, Long> reportersByPost,
        ReportId next) {
    public ReportQueue {
        Objects.requireNonNull(boardId, "boardId");
        reports = List.copyOf(Objects.requireNonNull(reports, "reports"));
        reportersByPost = Map.copyOf(Objects.requireNonNull(reportersByPost, "reportersByPost"));
    }

    public Optional<ReportId> nextCursor() {
        return Optional.ofNullable(next);
    }
}
