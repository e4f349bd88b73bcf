package org.forumkit;

import java.util.List;
import org.forumkit.model.BoardId;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.EditPost;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.PostRevision;
import org.forumkit.model.Reply;
import org.forumkit.model.Viewer;

/** Replies and what can happen to a post afterwards. */
public interface Posts {

    /** Posts a reply on the topic's next floor, building quote snapshots on the server. */
    Post reply(Viewer viewer, Reply command);

    /**
     * The html a reply in the board would show, rendered and censored as a write would be, nothing stored: only for
     * those who may reply there, the body's own checks ({@link ValidationException}), and at most 30 previews a
     * minute per member on each node ({@link RateLimitedException}).
     */
    String preview(Viewer viewer, BoardId board, String body, ContentFormat format);

    Post get(Viewer viewer, PostId id);

    /**
     * Edits a post: its author (within the board's {@code authorEditWindow}, else {@code EDIT_WINDOW_CLOSED}) or a
     * moderator (always). The replaced text is kept as a {@link PostRevision}; quotes of the post stay as they were.
     */
    Post edit(Viewer viewer, EditPost command);

    /** A post's earlier texts, oldest first: for its author and moderators. */
    List<PostRevision> revisions(Viewer viewer, PostId id);

    /** Deletes a post (its author or a moderator); it keeps its floor and shows as a placeholder. */
    Post delete(Viewer viewer, PostId id);

    /** Restores a deleted post: moderators only. */
    Post restore(Viewer viewer, PostId id);

    /**
     * Approves a post waiting for approval ({@code PENDING} → {@code VISIBLE}): moderators only. Approving a
     * visible post changes nothing; a deleted one is a {@link StateConflictException} (restore it instead).
     */
    Post approve(Viewer viewer, PostId id);

    /**
     * Rejects a post waiting for approval ({@code PENDING} → {@code DELETED}) with a reason for the record:
     * moderators only. Rejecting a deleted post changes nothing; a visible one is a {@link StateConflictException}
     * (delete it instead).
     */
    Post reject(Viewer viewer, PostId id, String reason);

    /**
     * A page of the board's moderation queue: its posts waiting for approval, oldest first, with their
     * {@link Page#total()}. Moderators only.
     */
    Page<Post, PostId> pending(Viewer viewer, BoardId board, PageRequest<PostId> request);
}
