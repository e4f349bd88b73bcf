package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.forumkit.model.Author;
import org.forumkit.model.BoardId;
import org.forumkit.model.Notification;
import org.forumkit.model.NotificationId;
import org.forumkit.model.NotificationKind;
import org.forumkit.model.PostId;
import org.forumkit.model.PostState;
import org.forumkit.model.TopicId;
import org.forumkit.model.UserId;
import org.forumkit.model.WatchLevel;
import org.forumkit.spi.store.NewNotification;
import org.forumkit.spi.store.NotificationWriter;
import org.forumkit.spi.store.TransactionNesting;
import org.forumkit.spi.store.WatcherFanOut;

/**
 * The inbox rows ({@code fk_notification}): a fold is one {@code count = count + 1} update on the unread row of its
 * key, an insert when there is none; marking read clears the fold key, so the unique key frees it for the next one.
 * A watcher's row counts on ({@code count_from_floor}): written once, its count and latest actor are derived when it
 * is read, in one query for all such rows of an inbox page.
 */
final class NotificationRows extends Rows implements NotificationWriter {
    // a row that counts on stops at its topic's last floor when read
    private static final String MARK_READ = "UPDATE fk_notification SET is_read = TRUE, unread_fold_key = NULL,"
            + " count_to_floor = CASE WHEN count_from_floor IS NULL THEN NULL ELSE (SELECT t.highest_floor FROM"
            + " fk_topic t WHERE t.id = fk_notification.topic_id) END WHERE recipient_id = ?1 AND is_read = FALSE";
    private static final String VISIBLE = PostState.VISIBLE.name();

    private final boolean writable;
    private final WatchRows watches;

    NotificationRows(EntityManager em, boolean writable) {
        super(em);
        this.writable = writable;
        this.watches = new WatchRows(em);
    }

    @Override
    public Optional<WatchLevel> topicWatch(UserId user, TopicId topic) {
        return watches.topicWatch(user, topic);
    }

    @Override
    public Optional<WatchLevel> boardWatch(UserId user, BoardId board) {
        return watches.boardWatch(user, board);
    }

    @Override
    public Set<UserId> watchers(WatcherFanOut fanOut) {
        return fanOut.onlyTo() != null && fanOut.onlyTo().isEmpty() ? Set.of() : watches.watchers(fanOut);
    }

    @Override
    public void watchTopic(UserId user, TopicId topic, WatchLevel level, boolean explicit, Instant at) {
        TransactionNesting.checkWritable(writable);
        watches.watchTopic(user, topic, level, explicit, at);
    }

    @Override
    public void watchBoard(UserId user, BoardId board, WatchLevel level, Instant at) {
        TransactionNesting.checkWritable(writable);
        watches.watchBoard(user, board, level, at);
    }

    @Override
    public int notifyWatchers(WatcherFanOut fanOut) {
        TransactionNesting.checkWritable(writable);
        if (!fanOut.addressed().isEmpty()) {
            watches.countOnAddressed(fanOut);
        }
        return fanOut.onlyTo() != null && fanOut.onlyTo().isEmpty() ? 0 : watches.notifyWatchers(fanOut);
    }

    @Override
    public Optional<Notification> notification(NotificationId id) {
        return Optional.ofNullable(detach(em.find(NotificationEntity.class, id.value())))
                .map(row -> counted(List.of(row)).get(0));
    }

    /**
     * The rows as notifications, those that count on with what they count now: one query tallies their posts (the
     * topic's floors in their range, visible, not by the recipient), one more reads the latest post of each.
     */
    private List<Notification> counted(List<NotificationEntity> rows) {
        List<Long> counting = rows.stream().filter(r -> r.countFromFloor != null && r.topicId != null)
                .map(r -> r.id).toList();
        if (counting.isEmpty()) {
            return rows.stream().map(NotificationRows::record).toList();
        }
        Map<Long, Object[]> tallies = new HashMap<>();
        for (Object[] t : em.createQuery("select n.id, count(p), max(p.floor) from ForumkitNotification n,"
                + " ForumkitPost p where n.id in :ids and p.topicId = n.topicId and p.floor >= n.countFromFloor"
                + " and (n.countToFloor is null or p.floor <= n.countToFloor) and p.state = :visible"
                + " and p.authorId <> n.recipientId group by n.id", Object[].class)
                .setParameter("ids", counting).setParameter("visible", VISIBLE).getResultList()) {
            tallies.put(((Number) t[0]).longValue(), t);
        }
        Map<String, Object[]> latest = new HashMap<>();
        if (!tallies.isEmpty()) {
            Set<Long> topics = new HashSet<>();
            Set<Integer> floors = new HashSet<>();
            for (NotificationEntity r : rows) {
                Object[] t = tallies.get(r.id);
                if (t != null) {
                    topics.add(r.topicId);
                    floors.add(((Number) t[2]).intValue());
                }
            }
            for (Object[] p : em.createQuery("select p.topicId, p.floor, p.authorId, p.authorName, p.createdAt"
                    + " from ForumkitPost p where p.topicId in :topics and p.floor in :floors", Object[].class)
                    .setParameter("topics", topics).setParameter("floors", floors).getResultList()) {
                latest.put(p[0] + ":" + p[1], p);
            }
        }
        List<Notification> out = new ArrayList<>(rows.size());
        for (NotificationEntity r : rows) {
            Notification n = record(r);
            Object[] t = tallies.get(r.id);
            Object[] p = t == null ? null : latest.get(r.topicId + ":" + ((Number) t[2]).intValue());
            if (p != null) {
                Instant at = (Instant) p[4];
                n = new Notification(n.id(), n.recipient(), n.kind(), n.topicId(), n.postId(), n.floor(),
                        new Author(UserId.of((String) p[2]), (String) p[3]), n.detail(),
                        n.count() + ((Number) t[1]).intValue(), n.read(), n.createdAt(),
                        at.isAfter(n.updatedAt()) ? at : n.updatedAt());
            }
            out.add(n);
        }
        return out;
    }

    @Override
    public List<Notification> inbox(UserId recipient, Optional<NotificationKind> kind,
            Optional<NotificationId> before, int limit) {
        if (limit < 1) {
            return List.of();
        }
        StringBuilder jpql = new StringBuilder("select n from ForumkitNotification n where n.recipientId = :recipient");
        kind.ifPresent(k -> jpql.append(" and n.kind = :kind"));
        before.ifPresent(b -> jpql.append(" and n.id < :before"));
        TypedQuery<NotificationEntity> query = em.createQuery(jpql.append(" order by n.id desc").toString(),
                NotificationEntity.class).setParameter("recipient", recipient.value()).setMaxResults(limit);
        kind.ifPresent(k -> query.setParameter("kind", k.code()));
        before.ifPresent(b -> query.setParameter("before", b.value()));
        return counted(list(query));
    }

    @Override
    public long unreadCount(UserId recipient, long cap) {
        if (cap < 1) {
            return 0;
        }
        if (cap > Integer.MAX_VALUE) {
            return em.createQuery("select count(n) from ForumkitNotification n where n.recipientId = :recipient"
                    + " and n.isRead = false", Long.class).setParameter("recipient", recipient.value()).getSingleResult();
        }
        // ids up to the cap, never a count over a huge inbox
        return em.createQuery("select n.id from ForumkitNotification n where n.recipientId = :recipient"
                + " and n.isRead = false", Long.class).setParameter("recipient", recipient.value())
                .setMaxResults((int) cap).getResultList().size();
    }

    @Override
    public Notification add(NewNotification n) {
        TransactionNesting.checkWritable(writable);
        if (n.foldKey() != null) {
            // a row that counts on counts this post when read
            int folded = em.createQuery("update ForumkitNotification n set n.foldCount = n.foldCount"
                    + " + case when n.countFromFloor is null then 1 else 0 end,"
                    + " n.actorId = :actorId, n.actorName = :actorName, n.updatedAt = :at"
                    + " where n.recipientId = :recipient and n.unreadFoldKey = :key")
                    .setParameter("actorId", n.actor() == null ? null : n.actor().id().value())
                    .setParameter("actorName", n.actor() == null ? null : n.actor().displayName())
                    .setParameter("at", micros(n.at()))
                    .setParameter("recipient", n.recipient().value())
                    .setParameter("key", n.foldKey())
                    .executeUpdate();
            if (folded > 0) {
                return first(em.createQuery("select n from ForumkitNotification n where n.recipientId = :recipient"
                        + " and n.unreadFoldKey = :key", NotificationEntity.class)
                        .setParameter("recipient", n.recipient().value()).setParameter("key", n.foldKey()))
                        .map(NotificationRows::record).orElseThrow();
            }
        }
        NotificationEntity row = new NotificationEntity();
        row.recipientId = n.recipient().value();
        row.kind = n.kind().code();
        row.topicId = n.topicId() == null ? null : n.topicId().value();
        row.postId = n.postId() == null ? null : n.postId().value();
        row.floorNo = n.floor();
        row.actorId = n.actor() == null ? null : n.actor().id().value();
        row.actorName = n.actor() == null ? null : n.actor().displayName();
        row.detail = n.detail();
        row.unreadFoldKey = n.foldKey();
        row.foldCount = 1;
        row.createdAt = micros(n.at());
        row.updatedAt = row.createdAt;
        em.persist(row);
        em.flush();
        return record(detach(row));
    }

    @Override
    public int markRead(UserId recipient, NotificationId id) {
        TransactionNesting.checkWritable(writable);
        return em.createNativeQuery(MARK_READ + " AND id = ?2").setParameter(1, recipient.value())
                .setParameter(2, id.value()).executeUpdate();
    }

    @Override
    public int markTopicRead(UserId recipient, TopicId topic, int upToFloor) {
        TransactionNesting.checkWritable(writable);
        return em.createNativeQuery(MARK_READ + " AND topic_id = ?2 AND floor_no <= ?3")
                .setParameter(1, recipient.value()).setParameter(2, topic.value()).setParameter(3, upToFloor)
                .executeUpdate();
    }

    @Override
    public int markAllRead(UserId recipient) {
        TransactionNesting.checkWritable(writable);
        return em.createNativeQuery(MARK_READ).setParameter(1, recipient.value()).executeUpdate();
    }

    @Override
    public void countOn(UserId recipient, String foldKey, int fromFloor) {
        TransactionNesting.checkWritable(writable);
        em.createQuery("update ForumkitNotification n set n.countFromFloor = :from where n.recipientId = :recipient"
                + " and n.unreadFoldKey = :key and n.countFromFloor is null").setParameter("from", fromFloor)
                .setParameter("recipient", recipient.value()).setParameter("key", foldKey).executeUpdate();
    }

    @Override
    public void stopCounting(UserId recipient, String foldKey) {
        TransactionNesting.checkWritable(writable);
        first(em.createQuery("select n from ForumkitNotification n where n.recipientId = :recipient"
                + " and n.unreadFoldKey = :key and n.countFromFloor is not null", NotificationEntity.class)
                .setParameter("recipient", recipient.value()).setParameter("key", foldKey)).ifPresent(this::settle);
    }

    @Override
    public void stopCountingIn(UserId user, BoardId board) {
        TransactionNesting.checkWritable(writable);
        for (NotificationEntity row : list(em.createQuery("select n from ForumkitNotification n, ForumkitTopic t"
                + " where n.recipientId = :user and n.unreadFoldKey is not null and n.countFromFloor is not null"
                + " and t.id = n.topicId and t.boardId = :board", NotificationEntity.class)
                .setParameter("user", user.value()).setParameter("board", board.value()))) {
            if (!watches.topicWatch(user, TopicId.of(row.topicId)).map(WatchLevel.WATCHING::equals).orElse(false)) {
                settle(row);
            }
        }
    }

    /** Folds what a row counts on now into it, and stops it counting on. */
    private void settle(NotificationEntity row) {
        Notification now = counted(List.of(row)).get(0);
        em.createQuery("update ForumkitNotification n set n.foldCount = :count, n.actorId = :actorId,"
                + " n.actorName = :actorName, n.updatedAt = :at, n.countFromFloor = null where n.id = :id")
                .setParameter("count", now.count())
                .setParameter("actorId", now.actor() == null ? null : now.actor().id().value())
                .setParameter("actorName", now.actor() == null ? null : now.actor().displayName())
                .setParameter("at", now.updatedAt()).setParameter("id", row.id).executeUpdate();
    }

    @Override
    public long purge(int keepNewest) {
        TransactionNesting.checkWritable(writable);
        // one set-based delete; the derived table lets MariaDB delete from the table it ranks
        return em.createNativeQuery("DELETE FROM fk_notification WHERE id IN (SELECT id FROM (SELECT id,"
                + " ROW_NUMBER() OVER (PARTITION BY recipient_id ORDER BY id DESC) AS fk_rank FROM fk_notification)"
                + " ranked WHERE fk_rank > ?1)").setParameter(1, keepNewest).executeUpdate();
    }

    private static Notification record(NotificationEntity row) {
        return new Notification(NotificationId.of(row.id), UserId.of(row.recipientId), new NotificationKind(row.kind),
                row.topicId == null ? null : TopicId.of(row.topicId), row.postId == null ? null : PostId.of(row.postId),
                row.floorNo, row.actorId == null ? null : new Author(UserId.of(row.actorId), row.actorName),
                row.detail, row.foldCount, row.isRead, row.createdAt, row.updatedAt);
    }
}
