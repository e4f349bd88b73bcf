package org.forumkit.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A row of {@code fk_posting_window}: a user's flood-control record in a board, the lock their posts queue on. */
@Entity(name = "ForumkitPostingWindow")
@Table(name = "fk_posting_window")
@IdClass(PostingWindowEntity.Key.class)
class PostingWindowEntity {
    @Id
    @Column(name = "user_id", length = 128)
    String userId;
    @Id
    @Column(name = "board_id")
    long boardId;
    @Column(name = "last_post_at")
    Instant lastPostAt;
    @Column(name = "window_start")
    Instant windowStart;
    @Column(name = "window_count", nullable = false)
    int windowCount;

    protected PostingWindowEntity() {
    }

    PostingWindowEntity(String userId, long boardId) {
        this.userId = userId;
        this.boardId = boardId;
    }

    /** The primary key (user, board). */
    static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String userId;
        long boardId;

        protected Key() {
        }

        Key(String userId, long boardId) {
            this.userId = userId;
            this.boardId = boardId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.boardId == boardId && Objects.equals(k.userId, userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, boardId);
        }
    }
}
