package org.forumkit.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code fk_board}. Counters are only ever changed by bulk {@code x = x + delta} updates. */
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
    @Column(name = "topic_count", nullable = false)
    long topicCount;
    @Column(name = "post_count", nullable = false)
    long postCount;
    @Column(name = "last_topic_id")
    Long lastTopicId;
    @Column(name = "last_post_id")
    Long lastPostId;
    @Column(name = "last_post_floor")
    Integer lastPostFloor;
    @Column(name = "last_post_author_id", length = 128)
    String lastPostAuthorId;
    @Column(name = "last_post_author_name")
    String lastPostAuthorName;
    @Column(name = "last_post_at")
    Instant lastPostAt;

    protected BoardEntity() {
    }
}
