package org.forumkit.jpa;

import java.util.List;
import org.forumkit.model.AuditAction;
import org.forumkit.model.AuditEntry;
import org.forumkit.model.AuditId;
import org.forumkit.model.Author;
import org.forumkit.model.Ban;
import org.forumkit.model.BanId;
import org.forumkit.model.BanKind;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.BoardKind;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.CreditEntry;
import org.forumkit.model.CreditEntryId;
import org.forumkit.model.CreditEvent;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.PostRevision;
import org.forumkit.model.PostState;
import org.forumkit.model.Quote;
import org.forumkit.model.Report;
import org.forumkit.model.ReportId;
import org.forumkit.model.ReportReason;
import org.forumkit.model.Resolution;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.UserId;
import org.forumkit.spi.store.NewPost;
import org.forumkit.spi.store.PostingWindow;

/**
 * Rows to records: every entity this store reads becomes a forum record here, and nowhere else (the topic page,
 * read with plain JDBC, is built in {@link JdbcReads}).
 */
final class Records {
    private Records() {
    }

    static Author author(String id, String name) {
        return new Author(UserId.of(id), name);
    }

    /** A board row with its counts and last post, summed over its shards ({@link BoardRows.Counts}). */
    static Board board(BoardEntity b, BoardRows.Counts counts) {
        return new Board(BoardId.of(b.id), b.parentId == null ? null : BoardId.of(b.parentId),
                BoardKind.valueOf(b.kind), b.slug, b.name, b.description, b.position, JsonText.userIds(b.moderators),
                JsonText.strings(b.topicTypes), JsonText.policy(b.accessPolicy), counts.topics(), counts.posts(),
                counts.lastPost(), JsonText.moderation(b.moderation));
    }

    static Topic topic(TopicEntity t) {
        return new Topic(TopicId.of(t.id), BoardId.of(t.boardId), t.title, t.type, author(t.authorId, t.authorName),
                t.createdAt, t.pinLevel, t.locked, t.externalKey, t.views, t.replies, t.highestFloor, t.lastPostAt,
                author(t.lastPostById, t.lastPostByName));
    }

    static Post post(PostEntity p, List<Quote> quotes) {
        return new Post(PostId.of(p.id), TopicId.of(p.topicId), p.floor, author(p.authorId, p.authorName),
                p.createdAt, p.editedAt, p.revision, p.body, ContentFormat.of(p.format), p.html, p.renderer,
                PostState.valueOf(p.state), p.replyToFloor, p.support, p.oppose, quotes);
    }

    /** A reply as one statement stored it: the row is {@code reply} at revision 1, without edits or votes. */
    static Post post(long id, int floor, NewPost reply, List<Quote> quotes) {
        return new Post(PostId.of(id), reply.topicId(), floor, reply.author(), Rows.micros(reply.createdAt()), null, 1,
                reply.body(), reply.format(), reply.html(), reply.renderer(), reply.state(), reply.replyToFloor(),
                0, 0, quotes);
    }

    static Quote quote(QuoteEntity q) {
        return new Quote(PostId.of(q.sourcePostId), q.sourceFloor, author(q.sourceAuthorId, q.sourceAuthorName),
                q.sourcePostedAt, q.sourceRevision, q.excerpt, q.whole, q.truncated);
    }

    static Ban ban(BanEntity b) {
        return new Ban(BanId.of(b.id), UserId.of(b.userId), b.boardId == null ? null : BoardId.of(b.boardId),
                BanKind.valueOf(b.kind), b.reason, author(b.byId, b.byName), b.createdAt, b.expiresAt,
                b.liftedById == null ? null : author(b.liftedById, b.liftedByName), b.liftedAt);
    }

    static AuditEntry audit(AuditEntity a) {
        return new AuditEntry(AuditId.of(a.id), a.boardId == null ? null : BoardId.of(a.boardId),
                author(a.actorId, a.actorName), AuditAction.valueOf(a.action),
                a.topicId == null ? null : TopicId.of(a.topicId), a.postId == null ? null : PostId.of(a.postId),
                a.subjectId == null ? null : UserId.of(a.subjectId), a.before, a.after, a.reason, a.createdAt);
    }

    static Report report(ReportEntity r) {
        return new Report(ReportId.of(r.id), PostId.of(r.postId), TopicId.of(r.topicId), BoardId.of(r.boardId),
                author(r.reporterId, r.reporterName), ReportReason.valueOf(r.reason), r.text, r.createdAt, r.updatedAt,
                r.resolution == null ? null : Resolution.valueOf(r.resolution),
                r.resolvedById == null ? null : author(r.resolvedById, r.resolvedByName), r.resolvedAt,
                r.resolutionNote);
    }

    static CreditEntry credit(CreditEntryEntity e) {
        return new CreditEntry(CreditEntryId.of(e.id), UserId.of(e.userId), BoardId.of(e.boardId),
                CreditEvent.valueOf(e.event), e.amount, e.cycleKey, e.postId == null ? null : PostId.of(e.postId),
                e.createdAt);
    }

    static PostRevision revision(RevisionEntity r) {
        return new PostRevision(PostId.of(r.postId), r.revision, r.body, ContentFormat.of(r.format),
                author(r.replacedById, r.replacedByName), r.replacedAt);
    }

    static PostingWindow postingWindow(PostingWindowEntity w) {
        return new PostingWindow(w.lastPostAt, w.windowStart, w.windowCount);
    }
}
