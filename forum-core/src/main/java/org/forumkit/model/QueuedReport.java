package org.forumkit.model;

import java.util.Objects;

/**
 * An open report as the report queue lists it.
 *
 * @param reporters how many users have an open report on the same post
 */
public record QueuedReport(Report report, long reporters) {
    public QueuedReport {
        Objects.requireNonNull(report, "report");
        if (reporters < 0) {
            throw new IllegalArgumentException("reporters must not be negative, was " + reporters);
        }
    }
}
