package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.util.List;
import java.util.Optional;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.BoardModeration;
import org.forumkit.model.LastPost;
import org.forumkit.model.Post;
import org.forumkit.spi.store.CounterDelta;
import org.forumkit.spi.store.DuplicateKeyException;
import org.forumkit.spi.store.NewBoard;

/** The board rows ({@code fk_board}): boards, their moderation, and the counters and last post other writes move. */
final class BoardRows extends Rows {

    BoardRows(EntityManager em) {
        super(em);
    }

    Optional<Board> board(BoardId id) {
        return Optional.ofNullable(detach(em.find(BoardEntity.class, id.value()))).map(Records::board);
    }

    Optional<Board> boardBySlug(String slug) {
        return first(em.createQuery("select b from ForumkitBoard b where b.slug = :slug", BoardEntity.class)
                .setParameter("slug", slug)).map(Records::board);
    }

    List<Board> boards() {
        return list(em.createQuery("select b from ForumkitBoard b order by b.position, b.id", BoardEntity.class))
                .stream().map(Records::board).toList();
    }

    Board insertBoard(NewBoard board) {
        if (boardBySlug(board.slug()).isPresent()) {
            throw DuplicateKeyException.boardSlug(board.slug(), null);
        }
        if (board.parentId() != null && board(board.parentId()).isEmpty()) {
            throw new NotFoundException(Kind.BOARD, board.parentId());
        }
        BoardEntity row = new BoardEntity();
        row.parentId = board.parentId() == null ? null : board.parentId().value();
        row.kind = board.kind().name();
        row.slug = board.slug();
        row.name = board.name();
        row.description = board.description();
        row.position = board.position();
        row.moderators = JsonText.userIds(board.moderators());
        row.topicTypes = JsonText.strings(board.topicTypes());
        row.accessPolicy = JsonText.policy(board.policy());
        row.moderation = JsonText.moderation(board.moderation());
        try {
            em.persist(row);
            em.flush();
        } catch (PersistenceException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw DuplicateKeyException.boardSlug(board.slug(), e);
            }
            if (SqlErrors.isForeignKeyViolation(e)) {
                throw new NotFoundException(Kind.BOARD, board.parentId());
            }
            throw e;
        }
        return Records.board(detach(row));
    }

    Board updateModeration(BoardId id, BoardModeration moderation) {
        int updated = em.createQuery("update ForumkitBoard b set b.moderation = :moderation where b.id = :id")
                .setParameter("moderation", JsonText.moderation(moderation))
                .setParameter("id", id.value())
                .executeUpdate();
        if (updated == 0) {
            throw new NotFoundException(Kind.BOARD, id);
        }
        return board(id).orElseThrow();
    }

    /** Counts a new topic and its opening post's {@code counts}; {@code false} when there is no such board. */
    boolean countNewTopic(BoardId board, CounterDelta counts) {
        return em.createQuery("update ForumkitBoard b set b.topicCount = b.topicCount + 1,"
                        + " b.postCount = b.postCount + :posts where b.id = :board")
                .setParameter("posts", counts.posts())
                .setParameter("board", board.value())
                .executeUpdate() > 0;
    }

    /** A new visible post: counts it (unless it opens a topic, counted with the topic) and makes it the last post. */
    void addPost(long boardId, Post post) {
        em.createQuery("update ForumkitBoard b set b.postCount = b.postCount + :posts, b.lastTopicId = :topic,"
                        + " b.lastPostId = :post, b.lastPostFloor = :floor, b.lastPostAuthorId = :authorId,"
                        + " b.lastPostAuthorName = :authorName, b.lastPostAt = :at where b.id = :board")
                .setParameter("posts", post.isOpening() ? 0L : 1L)
                .setParameter("topic", post.topicId().value())
                .setParameter("post", post.id().value())
                .setParameter("floor", post.floor())
                .setParameter("authorId", post.author().id().value())
                .setParameter("authorName", post.author().displayName())
                .setParameter("at", post.createdAt())
                .setParameter("board", boardId)
                .executeUpdate();
    }

    void addPostCount(long boardId, long delta) {
        em.createQuery("update ForumkitBoard b set b.postCount = b.postCount + :delta where b.id = :id")
                .setParameter("delta", delta)
                .setParameter("id", boardId)
                .executeUpdate();
    }

    /** Moves a topic's counts from one board to another. */
    void moveCounts(long from, long to, long visiblePosts) {
        // Both board rows in id order, so two moves between the same boards cannot deadlock.
        for (long board : new long[] {Math.min(from, to), Math.max(from, to)}) {
            em.createQuery("update ForumkitBoard b set b.topicCount = b.topicCount + :topics,"
                            + " b.postCount = b.postCount + :posts where b.id = :id")
                    .setParameter("topics", board == from ? -1L : 1L)
                    .setParameter("posts", board == from ? -visiblePosts : visiblePosts)
                    .setParameter("id", board)
                    .executeUpdate();
        }
    }

    /** Sets a board's last post (or clears it); its counters stay. */
    void setLastPost(BoardId board, Optional<LastPost> lastPost) {
        LastPost last = lastPost.orElse(null);
        int updated = em.createQuery("update ForumkitBoard b set b.lastTopicId = :topic, b.lastPostId = :post,"
                        + " b.lastPostFloor = :floor, b.lastPostAuthorId = :authorId, b.lastPostAuthorName = :authorName,"
                        + " b.lastPostAt = :at where b.id = :board")
                .setParameter("topic", last == null ? null : last.topicId().value())
                .setParameter("post", last == null ? null : last.postId().value())
                .setParameter("floor", last == null ? null : last.floor())
                .setParameter("authorId", last == null ? null : last.author().id().value())
                .setParameter("authorName", last == null ? null : last.author().displayName())
                .setParameter("at", last == null ? null : micros(last.at()))
                .setParameter("board", board.value())
                .executeUpdate();
        if (updated == 0) {
            throw new NotFoundException(Kind.BOARD, board);
        }
    }
}
