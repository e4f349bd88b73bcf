package org.forumkit.spi.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.forumkit.model.Author;
import org.forumkit.model.BoardId;
import org.forumkit.model.PostId;
import org.forumkit.model.TopicId;
import org.forumkit.model.UserId;

/**
 * A new post for the watchers of its topic and board: WATCHING notifications folded on {@code foldKey}. The
 * watchers are those at WATCHING on the topic, and those at WATCHING on the board (or WATCHING_FIRST_POST, for a
 * {@code firstPost}) who made no explicit choice on the topic and have not muted it, minus {@code skip}; when
 * {@code onlyTo} is given, only those of them.
 *
 * @param onlyTo    the recipients allowed a new entry, or {@code null} for every watcher
 * @param countFrom the first floor a new watcher entry counts on from when read (the topic's next floor), see
 *                  {@link NotificationWriter#countOn}
 * @param addressed those of {@code skip} the post was folded into by name, reply or quote: those of them who watch
 *                  (as if not skipped) have their unread entry count on from {@code countFrom} too
 */
public record WatcherFanOut(TopicId topicId, BoardId boardId, PostId postId, int floor, Author actor, boolean firstPost,
        Set<UserId> skip, Set<UserId> onlyTo, String foldKey, Instant at, int countFrom, Set<UserId> addressed) {
    public WatcherFanOut {
        Objects.requireNonNull(topicId, "topicId");
        Objects.requireNonNull(boardId, "boardId");
        Objects.requireNonNull(postId, "postId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(foldKey, "foldKey");
        Objects.requireNonNull(at, "at");
        if (countFrom <= floor) {
            throw new IllegalArgumentException("countFrom must be after the post's floor " + floor + ", was " + countFrom);
        }
        skip = Set.copyOf(skip);
        onlyTo = onlyTo == null ? null : Set.copyOf(onlyTo);
        addressed = Set.copyOf(addressed);
    }
}
