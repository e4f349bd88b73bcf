package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.forumkit.model.Author;
import org.forumkit.model.BoardId;
import org.forumkit.model.Notification;
import org.forumkit.model.NotificationId;
import org.forumkit.model.NotificationKind;
import org.forumkit.model.PostId;
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
 */
final class NotificationRows extends Rows implements NotificationWriter {
    private static final String MARK_READ = "update ForumkitNotification n set n.isRead = true, n.unreadFoldKey = null"
            + " where n.recipientId = :recipient and n.isRead = false";

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
        return fanOut.onlyTo() != null && fanOut.onlyTo().isEmpty() ? 0 : watches.notifyWatchers(fanOut);
    }

    @Override
    public Optional<Notification> notification(NotificationId id) {
        return Optional.ofNullable(detach(em.find(NotificationEntity.class, id.value()))).map(NotificationRows::record);
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
        return list(query).stream().map(NotificationRows::record).toList();
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
            int folded = em.createQuery("update ForumkitNotification n set n.foldCount = n.foldCount + 1,"
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
        return em.createQuery(MARK_READ + " and n.id = :id").setParameter("recipient", recipient.value())
                .setParameter("id", id.value()).executeUpdate();
    }

    @Override
    public int markTopicRead(UserId recipient, TopicId topic, int upToFloor) {
        TransactionNesting.checkWritable(writable);
        return em.createQuery(MARK_READ + " and n.topicId = :topic and n.floorNo <= :floor")
                .setParameter("recipient", recipient.value()).setParameter("topic", topic.value())
                .setParameter("floor", upToFloor).executeUpdate();
    }

    @Override
    public int markAllRead(UserId recipient) {
        TransactionNesting.checkWritable(writable);
        return em.createQuery(MARK_READ).setParameter("recipient", recipient.value()).executeUpdate();
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
