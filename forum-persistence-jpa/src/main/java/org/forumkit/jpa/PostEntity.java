package org.forumkit.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code fk_post}; {@code (topic_id, floor)} is unique. Vote counts change only by bulk deltas. */
@Entity(name = "ForumkitPost")
@Table(name = "fk_post")
class PostEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    Long id;
    @Column(name = "topic_id", nullable = false)
    long topicId;
    @Column(name = "floor", nullable = false)
    int floor;
    @Column(name = "author_id", nullable = false, length = 128)
    String authorId;
    @Column(name = "author_name", nullable = false)
    String authorName;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Column(name = "edited_at")
    Instant editedAt;
    @Column(name = "revision", nullable = false)
    int revision;
    @Column(name = "body", nullable = false, length = 1_000_000)
    String body;
    @Column(name = "format", nullable = false, length = 32)
    String format;
    @Column(name = "html", nullable = false, length = 1_000_000)
    String html;
    @Column(name = "renderer", nullable = false, length = 128)
    String renderer;
    @Column(name = "state", nullable = false, length = 16)
    String state;
    @Column(name = "reply_to_floor")
    Integer replyToFloor;
    @Column(name = "support", nullable = false)
    long support;
    @Column(name = "oppose", nullable = false)
    long oppose;

    protected PostEntity() {
    }
}
