package org.forumkit.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code fk_board}. Its counters and last post are in its {@link BoardCounterEntity} shards. */
@Entity(name = "ForumkitBoard")
@Table(name = "fk_board")
class BoardEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    Long id;
    @Column(name = "parent_id")
    Long parentId;
    @Column(name = "kind", nullable = false, length = 16)
    String kind;
    @Column(name = "slug", nullable = false, length = 64)
    String slug;
    @Column(name = "name", nullable = false)
    String name;
    @Column(name = "description", nullable = false, length = 1_000_000)
    String description;
    @Column(name = "position", nullable = false)
    int position;
    @Column(name = "moderators", nullable = false, length = 1_000_000)
    String moderators;
    @Column(name = "topic_types", nullable = false, length = 1_000_000)
    String topicTypes;
    @Column(name = "access_policy", nullable = false, length = 1_000_000)
    String accessPolicy;
    @Column(name = "moderation", nullable = false, length = 1_000_000)
    String moderation = "{}";

    protected BoardEntity() {
    }
}
