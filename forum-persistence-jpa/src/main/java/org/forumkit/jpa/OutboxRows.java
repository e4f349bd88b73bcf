package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.forumkit.model.Delivery;
import org.forumkit.model.DeliveryChannel;
import org.forumkit.model.DeliveryId;
import org.forumkit.model.DeliveryState;
import org.forumkit.model.NotificationId;
import org.forumkit.model.NotificationKind;
import org.forumkit.model.UserId;
import org.forumkit.spi.store.ClaimedDelivery;
import org.forumkit.spi.store.DeliveryOutcome;
import org.forumkit.spi.store.DeliveryWriter;
import org.forumkit.spi.store.NewDelivery;
import org.forumkit.spi.store.TransactionNesting;
import org.forumkit.spi.store.WatcherFanOut;

/**
 * The delivery outbox ({@code fk_delivery}) and the delivery settings ({@code fk_delivery_pref}): deliveries are
 * queued with {@code INSERT … SELECT} (one statement for all the watchers of a post), claimed with
 * {@code SELECT … FOR UPDATE SKIP LOCKED} (the same words on PostgreSQL, MariaDB 10.6+ and H2 2.2+), and read back
 * as entities.
 */
final class OutboxRows extends Rows implements DeliveryWriter {
    private static final short PENDING = (short) DeliveryState.PENDING.ordinal();
    private static final short IN_FLIGHT = (short) DeliveryState.IN_FLIGHT.ordinal();
    private static final short DEAD = (short) DeliveryState.DEAD.ordinal();
    private static final String COLUMNS = "notification_id, recipient_id, channel, open_channel, state, attempts,"
            + " next_at, created_at, updated_at";

    private final boolean writable;

    OutboxRows(EntityManager em, boolean writable) {
        super(em);
        this.writable = writable;
    }

    @Override
    public Optional<Delivery> delivery(DeliveryId id) {
        return Optional.ofNullable(detach(em.find(DeliveryEntity.class, id.value()))).map(OutboxRows::record);
    }

    @Override
    public List<Delivery> deliveries(DeliveryState state, Optional<DeliveryId> before, int limit) {
        if (limit < 1) {
            return List.of();
        }
        var query = em.createQuery("select d from ForumkitDelivery d where d.state = :state"
                + (before.isPresent() ? " and d.id < :before" : "") + " order by d.id desc", DeliveryEntity.class)
                .setParameter("state", (short) state.ordinal()).setMaxResults(limit);
        before.ifPresent(b -> query.setParameter("before", b.value()));
        return list(query).stream().map(OutboxRows::record).toList();
    }

    @Override
    public List<Delivery> deliveriesOf(NotificationId notification) {
        return list(em.createQuery("select d from ForumkitDelivery d where d.notificationId = :n order by d.id",
                DeliveryEntity.class).setParameter("n", notification.value())).stream().map(OutboxRows::record)
                .toList();
    }

    @Override
    public Optional<Boolean> deliveryPreference(UserId user, DeliveryChannel channel, NotificationKind kind) {
        List<?> rows = em.createNativeQuery("SELECT enabled FROM fk_delivery_pref WHERE user_id = ?1 AND channel = ?2"
                + " AND kind = ?3").setParameter(1, user.value()).setParameter(2, channel.name())
                .setParameter(3, kind.code()).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object value = rows.get(0);
        // MariaDB's BOOLEAN is a TINYINT(1)
        return Optional.of(value instanceof Boolean b ? b : ((Number) value).intValue() != 0);
    }

    @Override
    public boolean enqueue(NewDelivery d) {
        TransactionNesting.checkWritable(writable);
        List<Object> params = new ArrayList<>();
        String notification = WatchRows.p(params, d.notificationId().value());
        String recipient = WatchRows.p(params, d.recipient().value());
        String channel = WatchRows.p(params, d.channel().name());
        String due = WatchRows.p(params, micros(d.dueAt()));
        String at = WatchRows.p(params, micros(d.at()));
        String sql = "INSERT INTO fk_delivery (" + COLUMNS + ") SELECT " + notification + ", " + recipient + ", "
                + channel + ", " + channel + ", " + PENDING + ", 0, " + due + ", " + at + ", " + at
                + " FROM (SELECT 1 AS one) d WHERE NOT EXISTS (SELECT 1 FROM fk_delivery o WHERE o.notification_id = "
                + notification + " AND o.open_channel = " + channel + ") AND "
                + wanted(recipient, channel, WatchRows.p(params, d.kind().code()), d.enabledByDefault());
        Query insert = em.createNativeQuery(sql);
        WatchRows.bind(insert, params);
        return insert.executeUpdate() > 0;
    }

    @Override
    public int enqueueWatchers(WatcherFanOut fanOut, DeliveryChannel channel, boolean enabledByDefault,
            Instant dueAt) {
        TransactionNesting.checkWritable(writable);
        if (fanOut.onlyTo() != null && fanOut.onlyTo().isEmpty()) {
            return 0;
        }
        List<Object> params = new ArrayList<>();
        String ch = WatchRows.p(params, channel.name());
        String due = WatchRows.p(params, micros(dueAt));
        String at = WatchRows.p(params, micros(fanOut.at()));
        String key = WatchRows.p(params, fanOut.foldKey());
        String kind = WatchRows.p(params, NotificationKind.WATCHING.code());
        String post = WatchRows.p(params, fanOut.postId().value());
        // the rows the fan-out just added are those about its post
        String sql = "INSERT INTO fk_delivery (" + COLUMNS + ") SELECT n.id, n.recipient_id, " + ch + ", " + ch + ", "
                + PENDING + ", 0, " + due + ", " + at + ", " + at + " FROM fk_notification n"
                + " WHERE n.unread_fold_key = " + key + " AND n.post_id = " + post + " AND n.recipient_id IN (" + WatchRows.eligible(fanOut, params)
                + ") AND NOT EXISTS (SELECT 1 FROM fk_delivery o WHERE o.notification_id = n.id"
                + " AND o.open_channel = " + ch + ") AND " + wanted("n.recipient_id", ch, kind, enabledByDefault);
        Query insert = em.createNativeQuery(sql);
        WatchRows.bind(insert, params);
        return insert.executeUpdate();
    }

    /** The user's own setting when they made one, else the sender's default (a constant, never user input). */
    private static String wanted(String user, String channel, String kind, boolean byDefault) {
        String mine = "SELECT 1 FROM fk_delivery_pref p WHERE p.user_id = " + user + " AND p.channel = " + channel
                + " AND p.kind = " + kind;
        return "(EXISTS (" + mine + " AND p.enabled = TRUE) OR (" + (byDefault ? "1 = 1" : "1 = 0")
                + " AND NOT EXISTS (" + mine + ")))";
    }

    @Override
    public List<ClaimedDelivery> claim(Set<DeliveryChannel> channels, Instant now, Instant leaseUntil,
            String claimer, int limit) {
        TransactionNesting.checkWritable(writable);
        if (channels.isEmpty() || limit < 1) {
            return List.of();
        }
        List<Object> params = new ArrayList<>();
        String sql = "SELECT id FROM fk_delivery WHERE next_at <= " + WatchRows.p(params, micros(now))
                + " AND channel IN (" + String.join(", ", channels.stream().map(DeliveryChannel::name).sorted()
                        .map(c -> WatchRows.p(params, c)).toList())
                + ") ORDER BY next_at, id LIMIT " + limit + " FOR UPDATE SKIP LOCKED";
        Query select = em.createNativeQuery(sql);
        WatchRows.bind(select, params);
        List<Long> ids = select.getResultList().stream().map(id -> ((Number) id).longValue()).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        String token = UUID.randomUUID().toString();
        // One update per row, by primary key: an UPDATE … WHERE id IN (…) that MariaDB runs as a table scan would
        // wait for the rows other claimers hold locked, which the SELECT above was careful to skip.
        var update = em.createQuery("update ForumkitDelivery d set d.state = :inFlight, d.attempts = d.attempts + 1,"
                + " d.nextAt = :lease, d.claimToken = :token, d.claimedBy = :claimer, d.updatedAt = :now"
                + " where d.id = :id").setParameter("inFlight", IN_FLIGHT).setParameter("lease", micros(leaseUntil))
                .setParameter("token", token).setParameter("claimer", claimer).setParameter("now", micros(now));
        for (Long id : ids) {
            update.setParameter("id", id).executeUpdate();
        }
        List<DeliveryEntity> rows = list(em.createQuery("select d from ForumkitDelivery d where d.id in :ids",
                DeliveryEntity.class).setParameter("ids", ids));
        List<ClaimedDelivery> out = new ArrayList<>();
        for (Long id : ids) {
            rows.stream().filter(r -> r.id.equals(id)).findFirst()
                    .ifPresent(r -> out.add(new ClaimedDelivery(record(r), token)));
        }
        return out;
    }

    @Override
    public boolean complete(DeliveryId id, String token, DeliveryOutcome outcome) {
        TransactionNesting.checkWritable(writable);
        String open = outcome.state().isOpen() ? "d.openChannel" : "null";
        return em.createQuery("update ForumkitDelivery d set d.state = :state, d.nextAt = :next, d.openChannel = "
                + open + ", d.claimToken = null, d.lastError = :error, d.updatedAt = :at"
                + " where d.id = :id and d.claimToken = :token and d.state = :inFlight")
                .setParameter("state", (short) outcome.state().ordinal()).setParameter("next", micros(outcome.retryAt()))
                .setParameter("error", outcome.error()).setParameter("at", micros(outcome.at()))
                .setParameter("id", id.value()).setParameter("token", token).setParameter("inFlight", IN_FLIGHT)
                .executeUpdate() > 0;
    }

    @Override
    public boolean requeue(DeliveryId id, Instant at) {
        TransactionNesting.checkWritable(writable);
        Optional<Delivery> dead = delivery(id).filter(d -> d.state() == DeliveryState.DEAD);
        if (dead.isEmpty()) {
            return false;
        }
        long open = em.createQuery("select count(d) from ForumkitDelivery d where d.notificationId = :n"
                + " and d.openChannel = :channel", Long.class).setParameter("n", dead.get().notificationId().value())
                .setParameter("channel", dead.get().channel().name()).getSingleResult();
        return open == 0 && em.createQuery("update ForumkitDelivery d set d.state = :pending, d.attempts = 0,"
                + " d.nextAt = :at, d.openChannel = d.channel, d.updatedAt = :at where d.id = :id and d.state = :dead")
                .setParameter("pending", PENDING).setParameter("at", micros(at)).setParameter("id", id.value())
                .setParameter("dead", DEAD).executeUpdate() > 0;
    }

    @Override
    public void setDeliveryPreference(UserId user, DeliveryChannel channel, NotificationKind kind, boolean enabled,
            Instant at) {
        TransactionNesting.checkWritable(writable);
        int updated = em.createNativeQuery("UPDATE fk_delivery_pref SET enabled = ?1, changed_at = ?2"
                + " WHERE user_id = ?3 AND channel = ?4 AND kind = ?5").setParameter(1, enabled)
                .setParameter(2, micros(at)).setParameter(3, user.value()).setParameter(4, channel.name())
                .setParameter(5, kind.code()).executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("INSERT INTO fk_delivery_pref (user_id, channel, kind, enabled, changed_at)"
                    + " VALUES (?1, ?2, ?3, ?4, ?5)").setParameter(1, user.value()).setParameter(2, channel.name())
                    .setParameter(3, kind.code()).setParameter(4, enabled).setParameter(5, micros(at))
                    .executeUpdate();
        }
    }

    @Override
    public long purgeDeliveries(Instant before) {
        TransactionNesting.checkWritable(writable);
        return em.createQuery("delete from ForumkitDelivery d where d.openChannel is null and d.state > :inFlight"
                + " and d.updatedAt < :before").setParameter("inFlight", IN_FLIGHT)
                .setParameter("before", micros(before)).executeUpdate();
    }

    private static Delivery record(DeliveryEntity row) {
        return new Delivery(DeliveryId.of(row.id), NotificationId.of(row.notificationId), UserId.of(row.recipientId),
                DeliveryChannel.of(row.channel), DeliveryState.values()[row.state], row.attempts, row.nextAt,
                row.lastError, row.createdAt, row.updatedAt);
    }
}
