package org.forumkit.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.StateConflictException;
import org.forumkit.event.ForumEvent;
import org.forumkit.model.AuditAction;
import org.forumkit.model.Author;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.CreditEvent;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.PostState;
import org.forumkit.model.Viewer;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.PostInTopic;

/** Moderating posts: deleting and restoring, approving and rejecting held posts, the moderation queue. */
final class PostModeration {
    private final ForumStore store;
    private final AccessRules access;
    private final AuditTrail audit;
    private final CreditAwards credits;
    private final Events events;
    private final ForumClock clock;
    private final Paging paging;

    PostModeration(ForumStore store, AccessRules access, AuditTrail audit, CreditAwards credits, Events events,
            ForumClock clock, Paging paging) {
        this.store = store;
        this.access = access;
        this.audit = audit;
        this.credits = credits;
        this.events = events;
        this.clock = clock;
        this.paging = paging;
    }

    /** Deletes a post: its author may, and a moderator, whose deletion is logged and may cost the author credits. */
    Post delete(Viewer viewer, PostId id) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(id, "id");
        return store.inTransaction(tx -> {
            PostInTopic target = tx.postInTopic(id).orElseThrow(() -> new NotFoundException(Kind.POST, id));
            Author by = access.requireAuthorOrModerator(viewer, target);
            if (target.post().state() == PostState.DELETED) {
                return target.post();
            }
            Post deleted = tx.changePostState(id, PostState.DELETED);
            if (!access.isAuthor(viewer, target.post())) {
                audit.record(tx, target, by, AuditAction.POST_DELETED, target.post().state(), deleted.state(), null);
                credits.award(tx, target.board(), target.post().author().id(), CreditEvent.POST_DELETED_BY_MODERATOR,
                        id);
            }
            events.publish(tx, new ForumEvent.PostDeleted(deleted, by, clock.now()));
            return deleted;
        });
    }

    Post restore(Viewer viewer, PostId id) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(id, "id");
        return store.inTransaction(tx -> {
            PostInTopic target = tx.postInTopic(id).orElseThrow(() -> new NotFoundException(Kind.POST, id));
            Author by = access.requireModerator(viewer, target, "restore posts");
            if (target.post().state() != PostState.DELETED) {
                return target.post();
            }
            Post restored = tx.changePostState(id, PostState.VISIBLE);
            audit.record(tx, target, by, AuditAction.POST_RESTORED, target.post().state(), restored.state(), null);
            events.publish(tx, new ForumEvent.PostRestored(restored, by, clock.now()));
            return restored;
        });
    }

    Post approve(Viewer viewer, PostId id) {
        return settle(viewer, id, PostState.VISIBLE, "approve posts", "restore it instead", AuditAction.POST_APPROVED,
                null, (post, by, now) -> new ForumEvent.PostApproved(post, by, now));
    }

    Post reject(Viewer viewer, PostId id, String reason) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(id, "id");
        String why = Reasons.require(reason);
        return settle(viewer, id, PostState.DELETED, "reject posts", "delete it instead", AuditAction.POST_REJECTED,
                why, (post, by, now) -> new ForumEvent.PostRejected(post, by, why, now));
    }

    /** The event of a settled post. */
    private interface Settled {
        ForumEvent event(Post post, Author by, Instant now);
    }

    /**
     * A moderator's decision on a held post: PENDING becomes {@code outcome}; a post already there stays as it is,
     * one in the third state is a conflict ({@code instead} says what to do). A rejection costs the author credits.
     */
    private Post settle(Viewer viewer, PostId id, PostState outcome, String what, String instead, AuditAction action,
            String reason, Settled settled) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(id, "id");
        return store.inTransaction(tx -> {
            PostInTopic target = tx.postInTopic(id).orElseThrow(() -> new NotFoundException(Kind.POST, id));
            Author by = access.requireModerator(viewer, target, what);
            PostState state = target.post().state();
            if (state == outcome) {
                return target.post();
            }
            if (state != PostState.PENDING) {
                throw new StateConflictException("post " + id + " is " + state.name().toLowerCase(Locale.ROOT) + "; "
                        + instead);
            }
            Post decided = tx.changePostState(id, outcome);
            audit.record(tx, target, by, action, state, decided.state(), reason);
            if (outcome == PostState.DELETED) {
                credits.award(tx, target.board(), target.post().author().id(), CreditEvent.POST_DELETED_BY_MODERATOR,
                        id);
            }
            events.publish(tx, settled.event(decided, by, clock.now()));
            return decided;
        });
    }

    Page<Post, PostId> pending(Viewer viewer, BoardId boardId, PageRequest<PostId> request) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(boardId, "boardId");
        Objects.requireNonNull(request, "request");
        paging.requireSize(request.size());
        return store.readOnly(reader -> {
            Board board = reader.board(boardId).orElseThrow(() -> new NotFoundException(Kind.BOARD, boardId));
            access.requireModerator(viewer, board, "read the moderation queue");
            Page<Post, PostId> page = Paging.read(request.size(),
                    n -> reader.pendingPosts(boardId, request.optionalAfter(), n), Post::id);
            return new Page<>(page.items(), page.next(), reader.pendingPostCount(boardId));
        });
    }
}
