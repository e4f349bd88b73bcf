package org.forumkit.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A row of {@code fk_report}. {@code open} is {@code TRUE} while the report is open and {@code NULL} once resolved, so
 * the unique key {@code (post_id, reporter_id, open)} allows one open report per (post, reporter) and any number of
 * resolved ones.
 */
@Entity(name = "ForumkitReport")
@Table(name = "fk_report")
class ReportEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    Long id;
    @Column(name = "post_id", nullable = false)
    long postId;
    @Column(name = "topic_id", nullable = false)
    long topicId;
    @Column(name = "board_id", nullable = false)
    long boardId;
    @Column(name = "reporter_id", nullable = false, length = 128)
    String reporterId;
    @Column(name = "reporter_name", nullable = false)
    String reporterName;
    @Column(name = "reason", nullable = false, length = 16)
    String reason;
    @Column(name = "details", nullable = false, length = 1_000_000)
    String text;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
    @Column(name = "is_open")
    Boolean open;
    @Column(name = "resolution", length = 16)
    String resolution;
    @Column(name = "resolved_by_id", length = 128)
    String resolvedById;
    @Column(name = "resolved_by_name")
    String resolvedByName;
    @Column(name = "resolved_at")
    Instant resolvedAt;
    @Column(name = "resolution_note", length = 1_000_000)
    String resolutionNote;

    protected ReportEntity() {
    }
}
