package org.forumkit.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A row of {@code fk_post_revision}: a post's text of one revision, kept when an edit replaced it. */
@Entity(name = "ForumkitPostRevision")
@Table(name = "fk_post_revision")
@IdClass(RevisionEntity.Key.class)
class RevisionEntity {
    @Id
    @Column(name = "post_id")
    long postId;
    @Id
    @Column(name = "revision")
    int revision;
    @Column(name = "body", nullable = false, length = 1_000_000)
    String body;
    @Column(name = "format", nullable = false, length = 32)
    String format;
    @Column(name = "replaced_by_id", nullable = false, length = 128)
    String replacedById;
    @Column(name = "replaced_by_name", nullable = false)
    String replacedByName;
    @Column(name = "replaced_at", nullable = false)
    Instant replacedAt;

    protected RevisionEntity() {
    }

    /** The primary key (post, revision). */
    static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        long postId;
        int revision;

        protected Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.postId == postId && k.revision == revision;
        }

        @Override
        public int hashCode() {
            return Objects.hash(postId, revision);
        }
    }
}
