package org.forumkit.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A row of {@code fk_quote}: one snapshot quoted by a post, in the order the reply gave them. */
@Entity(name = "ForumkitQuote")
@Table(name = "fk_quote")
@IdClass(QuoteEntity.Key.class)
class QuoteEntity {
    @Id
    @Column(name = "post_id")
    long postId;
    @Id
    @Column(name = "position")
    int position;
    @Column(name = "source_post_id", nullable = false)
    long sourcePostId;
    @Column(name = "source_floor", nullable = false)
    int sourceFloor;
    @Column(name = "source_author_id", nullable = false, length = 128)
    String sourceAuthorId;
    @Column(name = "source_author_name", nullable = false)
    String sourceAuthorName;
    @Column(name = "source_posted_at", nullable = false)
    Instant sourcePostedAt;
    @Column(name = "source_revision", nullable = false)
    int sourceRevision;
    @Column(name = "excerpt", nullable = false, length = 1_000_000)
    String excerpt;
    @Column(name = "whole", nullable = false)
    boolean whole;
    @Column(name = "truncated", nullable = false)
    boolean truncated;

    protected QuoteEntity() {
    }

    /** The primary key (post, position). */
    static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        long postId;
        int position;

        protected Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.postId == postId && k.position == position;
        }

        @Override
        public int hashCode() {
            return Objects.hash(postId, position);
        }
    }
}
