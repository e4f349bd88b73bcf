package org.forumkit.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A row of {@code fk_topic}. The row is the lock that allocates floors: {@code highest_floor} and the counters
 * are only ever changed by bulk {@code x = x + delta} updates, never through a managed instance.
 */
@Entity(name = "ForumkitTopic")
@Table(name = "fk_topic")
class TopicEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    Long id;
    @Column(name = "board_id", nullable = false)
    long boardId;
    @Column(name = "title", nullable = false, length = 1000)
    String title;
    @Column(name = "topic_type")
    String type;
    @Column(name = "author_id", nullable = false, length = 128)
    String authorId;
    @Column(name = "author_name", nullable = false)
    String authorName;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Column(name = "pin_level", nullable = false)
    int pinLevel;
    @Column(name = "locked", nullable = false)
    boolean locked;
    @Column(name = "external_key")
    String externalKey;
    @Column(name = "views", nullable = false)
    long views;
    @Column(name = "replies", nullable = false)
    long replies;
    @Column(name = "highest_floor", nullable = false)
    int highestFloor;
    @Column(name = "last_post_at", nullable = false)
    Instant lastPostAt;
    @Column(name = "last_post_by_id", nullable = false, length = 128)
    String lastPostById;
    @Column(name = "last_post_by_name", nullable = false)
    String lastPostByName;

    protected TopicEntity() {
    }
}
