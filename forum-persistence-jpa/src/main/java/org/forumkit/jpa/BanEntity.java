package org.forumkit.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code fk_ban}: a user's ban or mute in a board ({@code board_id}) or everywhere (no board). */
@Entity(name = "ForumkitBan")
@Table(name = "fk_ban")
class BanEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    Long id;
    @Column(name = "user_id", nullable = false, length = 128)
    String userId;
    @Column(name = "board_id")
    Long boardId;
    @Column(name = "kind", nullable = false, length = 16)
    String kind;
    @Column(name = "reason", nullable = false, length = 1_000_000)
    String reason;
    @Column(name = "by_id", nullable = false, length = 128)
    String byId;
    @Column(name = "by_name", nullable = false)
    String byName;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Column(name = "expires_at")
    Instant expiresAt;
    @Column(name = "lifted_by_id", length = 128)
    String liftedById;
    @Column(name = "lifted_by_name")
    String liftedByName;
    @Column(name = "lifted_at")
    Instant liftedAt;

    protected BanEntity() {
    }
}
