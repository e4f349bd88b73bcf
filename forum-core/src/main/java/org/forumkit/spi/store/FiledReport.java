package org.forumkit.spi.store;

import java.util.Objects;
import org.forumkit.model.Report;

/**
 * What filing a report did.
 *
 * @param created        whether a new report was opened (otherwise the reporter's open one was replaced)
 * @param openReporters  how many users have an open report on the post now, counted under the post's lock
 */
public record FiledReport(Report report, boolean created, long openReporters) {
    public FiledReport {
        Objects.requireNonNull(report, "report");
        if (openReporters < 1) {
            throw new IllegalArgumentException("openReporters must be >= 1, was " + openReporters);
        }
    }
}
