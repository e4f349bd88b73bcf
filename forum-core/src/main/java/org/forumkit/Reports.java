package org.forumkit;

import java.util.List;
import org.forumkit.model.BoardId;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.QueuedReport;
import org.forumkit.model.Report;
import org.forumkit.model.ReportId;
import org.forumkit.model.ReportPost;
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
     * A page of the board's open reports, oldest first, each with its post's number of reporters, and their
     * {@link Page#total()}. Moderators only.
     */
    Page<QueuedReport, ReportId> queue(Viewer viewer, BoardId board, PageRequest<ReportId> request);

    /**
     * Resolves a report and every other open report of the same post, applying {@code resolution} to the post and
     * recording who did it and why ({@code reason} required). Moderators only; an already resolved report is a
     * {@link StateConflictException}. Returns the reports resolved.
     */
    List<Report> resolve(Viewer viewer, ReportId report, Resolution resolution, String reason);
}
