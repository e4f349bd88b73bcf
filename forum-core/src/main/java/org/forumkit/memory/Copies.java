package org.forumkit.memory;

import java.time.Instant;
import org.forumkit.model.Author;
import org.forumkit.model.Ban;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.BoardModeration;
import org.forumkit.model.LastPost;
import org.forumkit.model.Post;
import org.forumkit.model.PostState;
import org.forumkit.model.Report;
import org.forumkit.model.Resolution;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicCursor;
import org.forumkit.model.UserId;
import org.forumkit.spi.store.NewReport;
import org.forumkit.spi.store.PostEdit;

/** Copies of immutable records with some fields changed: the in-memory store's "update … set". */
final class Copies {
    private static final Author PROBE = new Author(UserId.of("-"), "-");

    private Copies() {
    }

    static Board counted(Board b, long topicCount, long postCount, LastPost lastPost) {
        return new Board(b.id(), b.parentId(), b.kind(), b.slug(), b.name(), b.description(), b.position(),
                b.moderators(), b.topicTypes(), b.policy(), topicCount, postCount, lastPost, b.moderation());
    }

    static Board withModeration(Board b, BoardModeration moderation) {
        return new Board(b.id(), b.parentId(), b.kind(), b.slug(), b.name(), b.description(), b.position(),
                b.moderators(), b.topicTypes(), b.policy(), b.topicCount(), b.postCount(), b.lastPost(), moderation);
    }

    static Topic placed(Topic t, BoardId board, int pinLevel, boolean locked) {
        return new Topic(t.id(), board, t.title(), t.type(), t.author(), t.createdAt(), pinLevel, locked,
                t.externalKey(), t.views(), t.replies(), t.highestFloor(), t.lastPostAt(), t.lastPostBy());
    }

    static Topic counted(Topic t, long views, long replies, int highestFloor, Instant lastPostAt, Author lastPostBy) {
        return new Topic(t.id(), t.boardId(), t.title(), t.type(), t.author(), t.createdAt(), t.pinLevel(), t.locked(),
                t.externalKey(), views, replies, highestFloor, lastPostAt, lastPostBy);
    }

    /** A topic standing at a cursor's position, to search the listing with: the order reads only those fields. */
    static Topic probe(BoardId board, TopicCursor c) {
        return new Topic(c.topicId(), board, "-", null, PROBE, Instant.EPOCH, c.pinLevel(), false, null, 0, 0, 1,
                c.lastPostAt(), PROBE);
    }

    static Post edited(Post p, PostEdit e) {
        return new Post(p.id(), p.topicId(), p.floor(), p.author(), p.createdAt(), e.editedAt(), p.revision() + 1,
                e.body(), e.format(), e.html(), e.renderer(), p.state(), p.replyToFloor(), p.support(), p.oppose(),
                p.quotes());
    }

    static Post withState(Post p, PostState state) {
        return new Post(p.id(), p.topicId(), p.floor(), p.author(), p.createdAt(), p.editedAt(), p.revision(), p.body(),
                p.format(), p.html(), p.renderer(), state, p.replyToFloor(), p.support(), p.oppose(), p.quotes());
    }

    static Post withVotes(Post p, long support, long oppose) {
        return new Post(p.id(), p.topicId(), p.floor(), p.author(), p.createdAt(), p.editedAt(), p.revision(), p.body(),
                p.format(), p.html(), p.renderer(), p.state(), p.replyToFloor(), support, oppose, p.quotes());
    }

    static LastPost lastPostOf(Post post) {
        return new LastPost(post.topicId(), post.id(), post.floor(), post.author(), post.createdAt());
    }

    static Report inBoard(Report r, BoardId board) {
        return new Report(r.id(), r.postId(), r.topicId(), board, r.reporter(), r.reason(), r.text(), r.createdAt(),
                r.updatedAt(), r.resolution(), r.resolvedBy(), r.resolvedAt(), r.resolutionNote());
    }

    static Report refiled(Report r, NewReport again) {
        return new Report(r.id(), r.postId(), r.topicId(), r.boardId(), again.reporter(), again.reason(), again.text(),
                r.createdAt(), again.at(), null, null, null, null);
    }

    static Report resolved(Report r, Resolution resolution, Author by, Instant at, String note) {
        return new Report(r.id(), r.postId(), r.topicId(), r.boardId(), r.reporter(), r.reason(), r.text(),
                r.createdAt(), r.updatedAt(), resolution, by, at, note);
    }

    static Ban lifted(Ban b, Author by, Instant at) {
        return new Ban(b.id(), b.user(), b.boardId(), b.kind(), b.reason(), b.by(), b.createdAt(), b.expiresAt(), by, at);
    }
}
