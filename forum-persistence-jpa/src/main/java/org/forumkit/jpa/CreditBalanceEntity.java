package org.forumkit.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code fk_credit_balance}: a user's balance, the lock their credit awards queue on. */
@Entity(name = "ForumkitCreditBalance")
@Table(name = "fk_credit_balance")
class CreditBalanceEntity {
    @Id
    @Column(name = "user_id", length = 128)
    String userId;
    @Column(name = "balance", nullable = false)
    long balance;

    protected CreditBalanceEntity() {
    }

    CreditBalanceEntity(String userId) {
        this.userId = userId;
    }
}
