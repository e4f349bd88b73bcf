package org.forumkit.spi.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.forumkit.model.AuditEntry;
import org.forumkit.model.Author;
import org.forumkit.model.Ban;
import org.forumkit.model.BanId;
import org.forumkit.model.Board;
import org.forumkit.model.CreditEntry;
import org.forumkit.model.BoardId;
import org.forumkit.model.BoardModeration;
import org.forumkit.model.LastPost;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.PostRevision;
import org.forumkit.model.PostState;
import org.forumkit.model.Report;
import org.forumkit.model.Resolution;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.UserId;
import org.forumkit.model.VoteChange;
import org.forumkit.model.VoteKind;

/**
 * The writes a store offers inside a read-write transaction. Each is atomic on its own and keeps the
 * counters that depend on it exact; the transaction around them makes a command all-or-nothing.
 */
public interface StoreTransaction extends StoreReader {

    /**
     * Inserts a board with zero counters. Throws {@link DuplicateKeyException} ({@link DuplicateKeyException#BOARD_SLUG})
     * for a used slug.
     */
    Board insertBoard(NewBoard board);

    /**
     * Replaces a board's moderation settings. Throws {@link org.forumkit.NotFoundException} when the board does not
     * exist.
     */
    Board updateBoardModeration(BoardId board, BoardModeration moderation);

    /**
     * Inserts a topic with its opening post on floor 1 and bumps the board's counters (topics by one, posts by
     * {@link CounterDelta#ofNew}, the board's last post when the opening post is visible). Throws
     * {@link DuplicateKeyException} ({@link DuplicateKeyException#TOPIC_EXTERNAL_KEY}) when the board has a topic
     * with the same external key.
     */
    StartedTopic insertTopic(NewTopic topic, NewPost openingPost);

    /**
     * Appends a reply on the topic's next floor, allocated atomically with the topic row as the lock (so two
     * concurrent replies never share or skip a floor), moves the topic's reply count and the board's post count by
     * {@link CounterDelta#ofNew}, and when the reply is visible sets the topic's and the board's last post. Throws
     * {@link org.forumkit.NotFoundException} when the topic does not exist.
     */
    Post appendReply(NewPost reply);

    /**
     * {@link #appendReply(NewPost)} and the new post's search terms ({@link SearchIndexWriter#add}) in one call, so
     * a store may write both in fewer round trips while it holds the topic row's lock; the default makes the two
     * calls.
     */
    default Post appendReply(NewPost reply, List<IndexedTerm> searchTerms) {
        Post post = appendReply(reply);
        searchIndex().add(post.id(), searchTerms);
        return post;
    }

    /**
     * Sets a topic's pin level and lock; the board's listing order follows the new pin level. Throws
     * {@link org.forumkit.NotFoundException} when the topic does not exist.
     */
    Topic updateTopicStatus(TopicId topic, int pinLevel, boolean locked);

    /**
     * Keeps a post's current text as a revision before an edit replaces it: takes the post's row lock, copies its
     * revision number, body and format as they are under the lock, and records who replaces it and when, so
     * concurrent edits each keep the text they replace. (post, revision) is unique
     * ({@link DuplicateKeyException#POST_REVISION}). Throws
     * {@link org.forumkit.NotFoundException} when the post does not exist.
     */
    PostRevision keepRevision(PostId post, Author replacedBy, Instant at);

    /**
     * Moves a topic to another board: the source board loses a topic and the topic's visible posts, the target
     * gains them, and the topic's reports follow it. Takes the topic's row lock first, so no reply or state change
     * moves its counts meanwhile, then both boards' rows (in id order); both stay locked until the transaction ends.
     * Board last posts are left as they are: core sets them afterwards with {@link #setBoardLastPost}. A topic
     * already in {@code to} is returned unchanged. Throws {@link org.forumkit.NotFoundException} for an unknown
     * topic or board and {@link DuplicateKeyException} ({@link DuplicateKeyException#TOPIC_EXTERNAL_KEY}) when the
     * target has a topic with the same key.
     */
    MovedTopic moveTopic(TopicId topic, BoardId to);

    /**
     * Sets a board's last post, or clears it when empty; its counters stay. Throws
     * {@link org.forumkit.NotFoundException} when the board does not exist.
     */
    void setBoardLastPost(BoardId board, Optional<LastPost> lastPost);

    /** Replaces a post's body and rendering, stamps the edit and increments its revision. */
    Post editPost(PostId post, PostEdit edit);

    /**
     * Moves a post to another state; the topic's reply count and the board's post count move by
     * {@link CounterDelta#ofChange}. Returns the post as it is now.
     */
    Post changePostState(PostId post, PostState state);

    /**
     * Sets {@code voter}'s vote on a post ({@code null} retracts it) and moves the post's support and oppose
     * counts by {@link VoteKind#delta}, atomically, so that the counts always equal the vote rows.
     */
    VoteChange castVote(PostId post, UserId voter, VoteKind vote);

    /**
     * Files a report: opens one for (post, reporter), or replaces the reason, text and time of the reporter's open
     * one; at most one open report per (post, reporter) ever exists. Takes the post's row lock first, so concurrent
     * reports of one post are serialized and {@link FiledReport#openReporters()} counts every committed one. Throws
     * {@link org.forumkit.NotFoundException} when the post does not exist.
     */
    FiledReport fileReport(NewReport report);

    /**
     * Resolves every open report of a post, recording who, how, why and when; returns them as resolved (empty
     * when none was open).
     */
    List<Report> resolveReports(PostId post, Resolution resolution, Author by, String note, Instant at);

    /**
     * Locks and returns a user's posting record in a board (an empty one when there is none yet), so that the
     * check and the {@link #savePostingWindow} of flood control are one atomic step: concurrent posts of the user
     * in the board, on any app node, wait here one after the other.
     */
    PostingWindow lockPostingWindow(UserId user, BoardId board);

    /** Stores a user's posting record in a board, locked before by {@link #lockPostingWindow}. */
    void savePostingWindow(UserId user, BoardId board, PostingWindow window);

    /**
     * Locks a user's credit balance row (creating it at 0 when missing) and returns the balance, so that counting
     * the cycle's entries against a rule's cap and {@link #appendCredit} are one atomic step for that user.
     */
    long lockCreditBalance(UserId user);

    /** Appends a ledger entry and moves the user's balance by its amount; the balance was locked before. */
    CreditEntry appendCredit(NewCreditEntry entry);

    Ban insertBan(NewBan ban);

    /**
     * Lifts a ban that is not lifted yet, recording who and when; returns it as it is now (unchanged when it was
     * lifted already). Throws {@link org.forumkit.NotFoundException} when it does not exist.
     */
    Ban liftBan(BanId ban, Author by, Instant at);

    /** Appends an entry to the audit log; entries are never changed or removed. */
    AuditEntry appendAudit(NewAuditEntry entry);

    /** Adds buffered view counts to topics; topics that no longer exist are skipped. */
    void addViews(Map<TopicId, Long> views);

    /** The users' inboxes, written in this transaction. */
    @Override
    NotificationWriter notifications();

    /** The delivery outbox, written in the transaction of the notifications it delivers. */
    @Override
    DeliveryWriter outbox();

    /** The import map, written in this transaction together with the records an import adds. */
    ImportMap importMap();

    /** The search index, written in the same transaction as the posts it indexes. */
    @Override
    SearchIndexWriter searchIndex();

    /**
     * Runs {@code action} once this transaction has committed (or when a host-managed transaction it joined
     * commits); never when it rolls back.
     */
    void afterCommit(Runnable action);
}
