package org.forumkit.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code fk_audit}: inserted once, never updated or deleted. */
@Entity(name = "ForumkitAudit")
@Table(name = "fk_audit")
class AuditEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    Long id;
    @Column(name = "board_id")
    Long boardId;
    @Column(name = "actor_id", nullable = false, length = 128)
    String actorId;
    @Column(name = "actor_name", nullable = false)
    String actorName;
    @Column(name = "action", nullable = false, length = 32)
    String action;
    @Column(name = "topic_id")
    Long topicId;
    @Column(name = "post_id")
    Long postId;
    @Column(name = "subject_id", length = 128)
    String subjectId;
    @Column(name = "before_value", length = 1_000_000)
    String before;
    @Column(name = "after_value", length = 1_000_000)
    String after;
    @Column(name = "reason", length = 1_000_000)
    String reason;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    protected AuditEntity() {
    }
}
