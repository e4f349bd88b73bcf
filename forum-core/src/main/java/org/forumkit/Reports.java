package org.forumkit;

import java.util.List;
import java.util.Optional;
import org.forumkit.model.BoardId;
import org.forumkit.model.Report;
import org.forumkit.model.ReportId;
import org.forumkit.model.ReportPost;
import org.forumkit.model.ReportQueue;
import org.forumkit.model.Resolution;
import org.forumkit.model.Viewer;

/** Reports of posts (举报) by users, and their review by moderators. */
public interface Reports {

    /**
     * Reports a post the viewer can see (the board's {@code REPORT} permission). A user has one open report per
     * post; reporting again replaces its reason and text. When the board's
     * {@link org.forumkit.model.BoardModeration#hideAfterReports()} distinct users have reported a visible post, it
     * is hidden (pending) until a moderator resolves the reports.
     */
    Report report(Viewer viewer, ReportPost command);

    /**
     * The board's open reports, oldest first, {@code size} at a time after {@code after} (the previous page's
     * {@link ReportQueue#next()}), with their total and each post's number of reporters. Moderators only.
     */
    ReportQueue queue(Viewer viewer, BoardId board, Optional<ReportId> after, int size);

    /**
     * Resolves a report and every other open report of the same post, applying {@code resolution} to the post and
     * recording who did it and why ({@code reason} required). Moderators only; an already resolved report is a
     * {@link ConflictException}. Returns the reports resolved.
     */
    List<Report> resolve(Viewer viewer, ReportId report, Resolution resolution, String reason);
}
