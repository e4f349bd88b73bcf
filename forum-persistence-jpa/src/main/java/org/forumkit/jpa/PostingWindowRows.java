package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.model.BoardId;
import org.forumkit.model.UserId;
import org.forumkit.spi.store.PostingWindow;

/** The posting-window rows ({@code fk_posting_window}, one per user and board) that flood control counts in. */
final class PostingWindowRows extends Rows {

    PostingWindowRows(EntityManager em) {
        super(em);
    }

    PostingWindow lock(UserId user, BoardId board) {
        PostingWindowEntity.Key key = new PostingWindowEntity.Key(user.value(), board.value());
        PostingWindowEntity row = detach(em.find(PostingWindowEntity.class, key, LockModeType.PESSIMISTIC_WRITE));
        if (row != null) {
            return Records.postingWindow(row);
        }
        // The first post: insert the row, which locks it; a concurrent first insert fails on the key (or deadlocks
        // on MariaDB's gap lock) and the whole work runs again, then finding the row.
        PostingWindowEntity fresh = new PostingWindowEntity(user.value(), board.value());
        try {
            em.persist(fresh);
            em.flush();
        } catch (PersistenceException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new SqlErrors.RaceDetected("posting record of " + user + " in board " + board + " created concurrently");
            }
            if (SqlErrors.isForeignKeyViolation(e)) {
                throw new NotFoundException(Kind.BOARD, board);
            }
            throw e;
        }
        detach(fresh);
        return PostingWindow.EMPTY;
    }

    void save(UserId user, BoardId board, PostingWindow window) {
        em.createQuery("update ForumkitPostingWindow w set w.lastPostAt = :last, w.windowStart = :start,"
                        + " w.windowCount = :count where w.userId = :user and w.boardId = :board")
                .setParameter("last", micros(window.lastPostAt()))
                .setParameter("start", micros(window.windowStart()))
                .setParameter("count", window.windowCount())
                .setParameter("user", user.value())
                .setParameter("board", board.value())
                .executeUpdate();
    }
}
