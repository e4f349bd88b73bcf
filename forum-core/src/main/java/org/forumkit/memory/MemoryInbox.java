package org.forumkit.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.forumkit.memory.Tables.FoldKey;
import org.forumkit.memory.Tables.TopicWatch;
import org.forumkit.model.BoardId;
import org.forumkit.model.Notification;
import org.forumkit.model.NotificationId;
import org.forumkit.model.NotificationKind;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.PostState;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.UserId;
import org.forumkit.model.WatchLevel;
import org.forumkit.spi.store.NewNotification;
import org.forumkit.spi.store.NotificationWriter;
import org.forumkit.spi.store.TransactionNesting;
import org.forumkit.spi.store.WatcherFanOut;

/** The inboxes of an {@link InMemoryForumStore}: map code over {@link Tables}, changes through the undo log. */
final class MemoryInbox implements NotificationWriter {
    private final Tables db;
    private final UndoLog log;
    private final boolean writable;

    MemoryInbox(Tables db, UndoLog log, boolean writable) {
        this.db = db;
        this.log = log;
        this.writable = writable;
    }

    @Override
    public Optional<Notification> notification(NotificationId id) {
        return Optional.ofNullable(db.notifications.get(id)).map(this::counted);
    }

    /** The notification with what it counts on now: the topic's visible posts in its range, not by its recipient. */
    private Notification counted(Notification n) {
        Integer from = db.countFrom.get(n.id());
        List<PostId> floors = n.topicId() == null ? null : db.floors.get(n.topicId());
        if (from == null || floors == null) {
            return n;
        }
        int to = Math.min(db.countTo.getOrDefault(n.id(), floors.size()), floors.size());
        int counted = 0;
        Post latest = null;
        for (int floor = from; floor <= to; floor++) {
            Post p = db.posts.get(floors.get(floor - 1));
            if (p.state() == PostState.VISIBLE && !p.author().id().equals(n.recipient())) {
                counted++;
                latest = p;
            }
        }
        if (latest == null) {
            return n;
        }
        Instant at = latest.createdAt().isAfter(n.updatedAt()) ? latest.createdAt() : n.updatedAt();
        return new Notification(n.id(), n.recipient(), n.kind(), n.topicId(), n.postId(), n.floor(), latest.author(),
                n.detail(), n.count() + counted, n.read(), n.createdAt(), at);
    }

    @Override
    public List<Notification> inbox(UserId recipient, Optional<NotificationKind> kind,
            Optional<NotificationId> before, int limit) {
        TreeSet<NotificationId> ids = db.inboxes.get(recipient);
        List<Notification> out = new ArrayList<>();
        if (ids == null || limit < 1) {
            return out;
        }
        for (NotificationId id : before.map(b -> ids.headSet(b, false)).orElse(ids).descendingSet()) {
            Notification n = db.notifications.get(id);
            if (kind.map(n.kind()::equals).orElse(true)) {
                out.add(counted(n));
                if (out.size() == limit) {
                    break;
                }
            }
        }
        return out;
    }

    @Override
    public long unreadCount(UserId recipient, long cap) {
        TreeSet<NotificationId> ids = db.inboxes.get(recipient);
        return ids == null ? 0 : ids.stream().filter(id -> !db.notifications.get(id).read()).limit(cap).count();
    }

    @Override
    public Optional<WatchLevel> topicWatch(UserId user, TopicId topic) {
        return Optional.ofNullable(db.topicWatches.getOrDefault(topic, Map.of()).get(user)).map(TopicWatch::level);
    }

    @Override
    public Optional<WatchLevel> boardWatch(UserId user, BoardId board) {
        return Optional.ofNullable(db.boardWatches.getOrDefault(board, Map.of()).get(user));
    }

    @Override
    public Set<UserId> watchers(WatcherFanOut f) {
        Map<UserId, TopicWatch> onTopic = db.topicWatches.getOrDefault(f.topicId(), Map.of());
        Set<UserId> out = new TreeSet<>(Comparator.comparing(UserId::value));
        onTopic.forEach((user, w) -> {
            if (w.level() == WatchLevel.WATCHING) {
                out.add(user);
            }
        });
        db.boardWatches.getOrDefault(f.boardId(), Map.of()).forEach((user, level) -> {
            TopicWatch own = onTopic.get(user);
            boolean watches = level == WatchLevel.WATCHING || (f.firstPost() && level == WatchLevel.WATCHING_FIRST_POST);
            if (watches && (own == null || (!own.explicit() && own.level() != WatchLevel.MUTED))) {
                out.add(user);
            }
        });
        out.removeAll(f.skip());
        if (f.onlyTo() != null) {
            out.retainAll(f.onlyTo());
        }
        return out;
    }

    @Override
    public void watchTopic(UserId user, TopicId topic, WatchLevel level, boolean explicit, Instant at) {
        TransactionNesting.checkWritable(writable);
        Map<UserId, TopicWatch> watches = log.child(db.topicWatches, topic, HashMap::new);
        TopicWatch own = watches.get(user);
        if (explicit || own == null || (!own.explicit() && own.level().compareTo(level) < 0)) {
            log.put(watches, user, new TopicWatch(level, explicit));
        }
    }

    @Override
    public void watchBoard(UserId user, BoardId board, WatchLevel level, Instant at) {
        TransactionNesting.checkWritable(writable);
        log.put(log.child(db.boardWatches, board, HashMap::new), user, level);
    }

    @Override
    public int notifyWatchers(WatcherFanOut f) {
        TransactionNesting.checkWritable(writable);
        if (!f.addressed().isEmpty()) {
            WatcherFanOut asWatchers = new WatcherFanOut(f.topicId(), f.boardId(), f.postId(), f.floor(), f.actor(),
                    f.firstPost(), Set.of(f.actor().id()), f.addressed(), f.foldKey(), f.at(), f.countFrom(),
                    Set.of());
            for (UserId user : watchers(asWatchers)) {
                countOn(user, f.foldKey(), f.countFrom());
            }
        }
        int notified = 0;
        for (UserId user : watchers(f)) {
            if (!db.unreadFolds.containsKey(new FoldKey(user, f.foldKey()))) {
                Notification added = add(new NewNotification(user, NotificationKind.WATCHING, f.topicId(), f.postId(),
                        f.floor(), f.actor(), null, f.foldKey(), f.at()));
                log.put(db.countFrom, added.id(), f.countFrom());
                notified++;
            }
        }
        return notified;
    }

    @Override
    public void countOn(UserId recipient, String foldKey, int fromFloor) {
        TransactionNesting.checkWritable(writable);
        NotificationId unread = db.unreadFolds.get(new FoldKey(recipient, foldKey));
        if (unread != null && !db.countFrom.containsKey(unread)) {
            log.put(db.countFrom, unread, fromFloor);
        }
    }

    @Override
    public void stopCounting(UserId recipient, String foldKey) {
        TransactionNesting.checkWritable(writable);
        NotificationId unread = db.unreadFolds.get(new FoldKey(recipient, foldKey));
        if (unread != null && db.countFrom.containsKey(unread)) {
            log.put(db.notifications, unread, counted(db.notifications.get(unread)));
            log.put(db.countFrom, unread, null);
        }
    }

    @Override
    public void stopCountingIn(UserId user, BoardId board) {
        TransactionNesting.checkWritable(writable);
        for (NotificationId id : List.copyOf(db.inboxes.getOrDefault(user, new TreeSet<>()))) {
            FoldKey key = db.foldOf.get(id);
            Notification n = db.notifications.get(id);
            Topic topic = n.topicId() == null ? null : db.topics.get(n.topicId());
            if (key != null && db.countFrom.containsKey(id) && topic != null && topic.boardId().equals(board)
                    && !topicWatch(user, topic.id()).map(WatchLevel.WATCHING::equals).orElse(false)) {
                stopCounting(user, key.key());
            }
        }
    }

    @Override
    public Notification add(NewNotification n) {
        TransactionNesting.checkWritable(writable);
        FoldKey key = n.foldKey() == null ? null : new FoldKey(n.recipient(), n.foldKey());
        NotificationId folded = key == null ? null : db.unreadFolds.get(key);
        if (folded != null) {
            Notification old = db.notifications.get(folded);
            // a notification that counts on counts this post when read
            int count = db.countFrom.containsKey(folded) ? old.count() : old.count() + 1;
            Notification updated = new Notification(old.id(), old.recipient(), old.kind(), old.topicId(),
                    old.postId(), old.floor(), n.actor(), old.detail(), count, false, old.createdAt(), n.at());
            log.put(db.notifications, old.id(), updated);
            return updated;
        }
        Notification added = new Notification(NotificationId.of(++db.lastNotificationId), n.recipient(), n.kind(),
                n.topicId(), n.postId(), n.floor(), n.actor(), n.detail(), 1, false, n.at(), n.at());
        log.put(db.notifications, added.id(), added);
        log.add(log.child(db.inboxes, n.recipient(), TreeSet::new), added.id());
        if (key != null) {
            log.put(db.unreadFolds, key, added.id());
            log.put(db.foldOf, added.id(), key);
        }
        return added;
    }

    @Override
    public int markRead(UserId recipient, NotificationId id) {
        TransactionNesting.checkWritable(writable);
        Notification n = db.notifications.get(id);
        return n != null && n.recipient().equals(recipient) ? read(n) : 0;
    }

    @Override
    public int markTopicRead(UserId recipient, TopicId topic, int upToFloor) {
        TransactionNesting.checkWritable(writable);
        return markWhere(recipient, n -> topic.equals(n.topicId()) && n.floor() <= upToFloor);
    }

    @Override
    public int markAllRead(UserId recipient) {
        TransactionNesting.checkWritable(writable);
        return markWhere(recipient, n -> true);
    }

    @Override
    public long purge(int keepNewest) {
        TransactionNesting.checkWritable(writable);
        long deleted = 0;
        for (TreeSet<NotificationId> ids : db.inboxes.values()) {
            List<NotificationId> old = new ArrayList<>(ids.descendingSet()).stream().skip(Math.max(0, keepNewest)).toList();
            for (NotificationId id : old) {
                Notification n = db.notifications.get(id);
                unfold(n);
                log.put(db.countFrom, id, null);
                log.put(db.countTo, id, null);
                log.put(db.notifications, id, null);
                log.remove(ids, id);
                deleted++;
            }
        }
        return deleted;
    }

    private int markWhere(UserId recipient, java.util.function.Predicate<Notification> which) {
        TreeSet<NotificationId> ids = db.inboxes.get(recipient);
        int changed = 0;
        if (ids != null) {
            for (NotificationId id : List.copyOf(ids)) {
                Notification n = db.notifications.get(id);
                if (which.test(n)) {
                    changed += read(n);
                }
            }
        }
        return changed;
    }

    private int read(Notification n) {
        if (n.read()) {
            return 0;
        }
        unfold(n);
        Topic topic = n.topicId() == null ? null : db.topics.get(n.topicId());
        if (db.countFrom.containsKey(n.id()) && topic != null) {
            // read: it counts no post written after this
            log.put(db.countTo, n.id(), topic.highestFloor());
        }
        log.put(db.notifications, n.id(), new Notification(n.id(), n.recipient(), n.kind(), n.topicId(), n.postId(),
                n.floor(), n.actor(), n.detail(), n.count(), true, n.createdAt(), n.updatedAt()));
        return 1;
    }

    /** A read or deleted notification no longer takes what is folded next under its key. */
    private void unfold(Notification n) {
        FoldKey key = db.foldOf.get(n.id());
        if (key != null) {
            log.put(db.unreadFolds, key, null);
            log.put(db.foldOf, n.id(), null);
        }
    }
}
