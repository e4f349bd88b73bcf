package org.forumkit.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code fk_delivery}: one notification to deliver on one channel. Written in SQL, read as an entity. */
@Entity(name = "ForumkitDelivery")
@Table(name = "fk_delivery")
class DeliveryEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    Long id;
    @Column(name = "notification_id", nullable = false)
    long notificationId;
    @Column(name = "recipient_id", nullable = false, length = 128)
    String recipientId;
    @Column(name = "channel", nullable = false, length = 16)
    String channel;
    @Column(name = "open_channel", length = 16)
    String openChannel;
    @Column(name = "state", nullable = false)
    short state;
    @Column(name = "attempts", nullable = false)
    int attempts;
    @Column(name = "next_at")
    Instant nextAt;
    @Column(name = "claim_token", length = 36)
    String claimToken;
    @Column(name = "claimed_by", length = 64)
    String claimedBy;
    @Column(name = "last_error")
    String lastError;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    protected DeliveryEntity() {
    }
}
