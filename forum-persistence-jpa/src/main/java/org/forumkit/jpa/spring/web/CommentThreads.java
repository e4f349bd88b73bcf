package org.forumkit.jpa.spring.web;

import java.util.Objects;
import java.util.Optional;

/**
 * Which host pages have a comment thread, where and under which title: the host owns its threads. The API asks this
 * for every {@code /comments?key=…} request; an empty answer is a 404. Define a bean of this type to replace the
 * default, which gives every key a thread in {@code forumkit.api.comments-board}, titled as the first comment asks.
 */
@FunctionalInterface
public interface CommentThreads {

    /** The thread of the host page with this key, or empty when the host has no such page. */
    Optional<Thread> thread(String key);

    /** Every key gets a thread in this board (slug), titled by its first comment's {@code title} or the key. */
    static CommentThreads inBoard(String board) {
        Objects.requireNonNull(board, "board");
        return key -> Optional.of(new Thread(board, null));
    }

    /**
     * A host page's thread: the board (slug) it lives in and its title; a null title takes the first comment's
     * {@code title}, or the key when it has none.
     */
    record Thread(String board, String title) {
        public Thread {
            Objects.requireNonNull(board, "board");
            if (board.isBlank()) {
                throw new IllegalArgumentException("board must not be blank");
            }
        }
    }
}
