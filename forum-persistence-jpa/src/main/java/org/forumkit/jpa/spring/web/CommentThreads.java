package org.forumkit.jpa.spring.web;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which host pages have a comment thread, where and under which title: the host owns its threads. The API asks this
 * for every {@code /comments?key=…} request; an empty answer is a 404, so a visitor cannot start a thread for a key
 * the host does not know, and a comment's {@code title} is never read: the thread is titled as this says. Define a
 * bean of this type to replace the default, {@link #inBoard(String)} of {@code forumkit.api.comments-board}.
 */
@FunctionalInterface
public interface CommentThreads {

    /** The thread of the host page with this key, or empty when the host has no such page. */
    Optional<Thread> thread(String key);

    /**
     * Every key gets a thread in this board (slug), titled by its key: for trying the widget out. A site should
     * name its pages ({@link #of}) or look them up in its own data, so that visitors cannot make up threads.
     */
    static CommentThreads inBoard(String board) {
        Objects.requireNonNull(board, "board");
        new Thread(board, null);
        return key -> Optional.of(new Thread(board, null));
    }

    /** Only these keys have a thread, in this board (slug), titled as the map says. */
    static CommentThreads of(String board, Map<String, String> titles) {
        Map<String, Thread> threads = new java.util.HashMap<>();
        Objects.requireNonNull(titles, "titles").forEach((key, title) -> threads.put(
                Objects.requireNonNull(key, "key"), new Thread(board, Objects.requireNonNull(title, "title"))));
        Map<String, Thread> copy = Map.copyOf(threads);
        return key -> Optional.ofNullable(key == null ? null : copy.get(key));
    }

    /** A host page's thread: the board (slug) it lives in and its title; a null title is the page's key. */
    record Thread(String board, String title) {
        public Thread {
            Objects.requireNonNull(board, "board");
            if (board.isBlank()) {
                throw new IllegalArgumentException("board must not be blank");
            }
        }
    }
}
