package org.forumkit.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A row of {@code fk_vote}: a user's one vote on a post. */
@Entity(name = "ForumkitVote")
@Table(name = "fk_vote")
@IdClass(VoteEntity.Key.class)
class VoteEntity {
    @Id
    @Column(name = "post_id")
    long postId;
    @Id
    @Column(name = "voter", length = 128)
    String voter;
    @Column(name = "kind", nullable = false, length = 16)
    String kind;

    protected VoteEntity() {
    }

    VoteEntity(long postId, String voter, String kind) {
        this.postId = postId;
        this.voter = voter;
        this.kind = kind;
    }

    /** The primary key (post, voter). */
    static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        long postId;
        String voter;

        protected Key() {
        }

        Key(long postId, String voter) {
            this.postId = postId;
            this.voter = voter;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.postId == postId && Objects.equals(k.voter, voter);
        }

        @Override
        public int hashCode() {
            return Objects.hash(postId, voter);
        }
    }
}
