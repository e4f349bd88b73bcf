package org.forumkit.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code fk_notification}: one entry of a user's inbox. */
@Entity(name = "ForumkitNotification")
@Table(name = "fk_notification")
class NotificationEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    Long id;
    @Column(name = "recipient_id", nullable = false, length = 128)
    String recipientId;
    @Column(name = "kind", nullable = false)
    int kind;
    @Column(name = "topic_id")
    Long topicId;
    @Column(name = "post_id")
    Long postId;
    @Column(name = "floor_no", nullable = false)
    int floorNo;
    @Column(name = "actor_id", length = 128)
    String actorId;
    @Column(name = "actor_name")
    String actorName;
    @Column(name = "detail", length = 64)
    String detail;
    @Column(name = "unread_fold_key", length = 64)
    String unreadFoldKey;
    @Column(name = "fold_count", nullable = false)
    int foldCount;
    @Column(name = "count_from_floor")
    Integer countFromFloor;
    @Column(name = "count_to_floor")
    Integer countToFloor;
    @Column(name = "is_read", nullable = false)
    boolean isRead;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    protected NotificationEntity() {
    }
}
