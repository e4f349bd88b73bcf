package org.forumkit.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A row of {@code fk_search_term}: one analysed term of a post, from its title or its body. */
@Entity(name = "ForumkitSearchTerm")
@Table(name = "fk_search_term")
@IdClass(SearchTermEntity.Key.class)
class SearchTermEntity {
    @Id
    @Column(name = "term", length = 64)
    String term;
    @Id
    @Column(name = "post_id")
    long postId;
    @Id
    @Column(name = "in_title")
    boolean inTitle;
    @Column(name = "weight", nullable = false)
    int weight;

    protected SearchTermEntity() {
    }

    /** The primary key (term, post, title or body). */
    static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String term;
        long postId;
        boolean inTitle;

        protected Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.postId == postId && k.inTitle == inTitle && Objects.equals(k.term, term);
        }

        @Override
        public int hashCode() {
            return Objects.hash(term, postId, inTitle);
        }
    }
}
