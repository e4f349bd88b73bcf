package org.forumkit.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code fk_credit_entry}: one line of a user's credit ledger. */
@Entity(name = "ForumkitCreditEntry")
@Table(name = "fk_credit_entry")
class CreditEntryEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    Long id;
    @Column(name = "user_id", nullable = false, length = 128)
    String userId;
    @Column(name = "board_id", nullable = false)
    long boardId;
    @Column(name = "event", nullable = false, length = 32)
    String event;
    @Column(name = "amount", nullable = false)
    long amount;
    @Column(name = "cycle_key", nullable = false, length = 16)
    String cycleKey;
    @Column(name = "post_id")
    Long postId;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    protected CreditEntryEntity() {
    }
}
