package org.forumkit.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * A row of {@code fk_board_counter}: one of a board's {@link #SHARDS} counter shards. A board's counts are the sums
 * over its shards, its last post the shard row's with the highest post id; a shard's own counts may be negative.
 * Changed only by bulk {@code x = x + delta} updates.
 */
@Entity(name = "ForumkitBoardCounter")
@Table(name = "fk_board_counter")
@IdClass(BoardCounterEntity.Key.class)
class BoardCounterEntity {
    /** Shards per board; the migration (V18) and its check constraint name the same number. */
    static final int SHARDS = 16;

    @Id
    @Column(name = "board_id")
    long boardId;
    @Id
    @Column(name = "shard")
    int shard;
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

    protected BoardCounterEntity() {
    }

    /** The shard a topic's counter writes go to: two topics of a board mostly update different rows. */
    static int shard(long topicId) {
        return (int) Math.floorMod(topicId, (long) SHARDS);
    }

    /** The primary key (board, shard). */
    static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        long boardId;
        int shard;

        protected Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.boardId == boardId && k.shard == shard;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(boardId) * 31 + shard;
        }
    }
}
