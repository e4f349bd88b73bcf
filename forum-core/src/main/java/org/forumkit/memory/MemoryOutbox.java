package org.forumkit.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.forumkit.memory.Tables.DeliveryPreference;
import org.forumkit.memory.Tables.FoldKey;
import org.forumkit.memory.Tables.OpenDelivery;
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
 * The delivery outbox of an {@link InMemoryForumStore}: map code over {@link Tables}, changes through the undo log.
 * One writer at a time holds the store, so a claim never races another.
 */
final class MemoryOutbox implements DeliveryWriter {
    private final Tables db;
    private final UndoLog log;
    private final boolean writable;

    MemoryOutbox(Tables db, UndoLog log, boolean writable) {
        this.db = db;
        this.log = log;
        this.writable = writable;
    }

    @Override
    public Optional<Delivery> delivery(DeliveryId id) {
        return Optional.ofNullable(db.deliveries.get(id));
    }

    @Override
    public List<Delivery> deliveries(DeliveryState state, Optional<DeliveryId> before, int limit) {
        List<Delivery> out = new ArrayList<>();
        var rows = before.map(b -> db.deliveries.headMap(b, false)).orElse(db.deliveries).descendingMap().values();
        for (Delivery d : rows) {
            if (out.size() >= limit) {
                break;
            }
            if (d.state() == state) {
                out.add(d);
            }
        }
        return out;
    }

    @Override
    public List<Delivery> deliveriesOf(NotificationId notification) {
        return db.deliveries.values().stream().filter(d -> d.notificationId().equals(notification)).toList();
    }

    @Override
    public Optional<Boolean> deliveryPreference(UserId user, DeliveryChannel channel, NotificationKind kind) {
        return Optional.ofNullable(db.deliveryPreferences.get(new DeliveryPreference(user, channel, kind.code())));
    }

    @Override
    public boolean enqueue(NewDelivery d) {
        TransactionNesting.checkWritable(writable);
        return queue(d.notificationId(), d.recipient(), d.kind(), d.channel(), d.enabledByDefault(), d.dueAt(),
                d.at());
    }

    private boolean queue(NotificationId notification, UserId recipient, NotificationKind kind,
            DeliveryChannel channel, boolean byDefault, Instant dueAt, Instant at) {
        OpenDelivery key = new OpenDelivery(notification, channel);
        boolean wanted = deliveryPreference(recipient, channel, kind).orElse(byDefault);
        if (!wanted || db.openDeliveries.containsKey(key)) {
            return false;
        }
        Delivery added = new Delivery(DeliveryId.of(++db.lastDeliveryId), notification, recipient, channel,
                DeliveryState.PENDING, 0, dueAt, null, at, at);
        log.put(db.deliveries, added.id(), added);
        log.put(db.openDeliveries, key, added.id());
        return true;
    }

    @Override
    public int enqueueWatchers(WatcherFanOut fanOut, DeliveryChannel channel, boolean enabledByDefault,
            Instant dueAt) {
        TransactionNesting.checkWritable(writable);
        int queued = 0;
        for (UserId user : new MemoryInbox(db, log, writable).watchers(fanOut)) {
            if (fanOut.onlyTo() != null && !fanOut.onlyTo().contains(user)) {
                continue;
            }
            NotificationId unread = db.unreadFolds.get(new FoldKey(user, fanOut.foldKey()));
            // only the entries the fan-out just added: one that counts on was delivered (or queued) when added
            boolean added = unread != null && fanOut.postId().equals(db.notifications.get(unread).postId());
            if (added && queue(unread, user, NotificationKind.WATCHING, channel, enabledByDefault, dueAt,
                    fanOut.at())) {
                queued++;
            }
        }
        return queued;
    }

    @Override
    public List<ClaimedDelivery> claim(Set<DeliveryChannel> channels, Instant now, Instant leaseUntil,
            String claimer, int limit) {
        TransactionNesting.checkWritable(writable);
        List<Delivery> due = db.openDeliveries.values().stream().map(db.deliveries::get)
                .filter(d -> channels.contains(d.channel()) && !d.nextAt().isAfter(now))
                .sorted(Comparator.comparing(Delivery::nextAt).thenComparing(Delivery::id)).limit(Math.max(0, limit))
                .toList();
        String token = UUID.randomUUID().toString();
        List<ClaimedDelivery> out = new ArrayList<>();
        for (Delivery d : due) {
            Delivery claimed = new Delivery(d.id(), d.notificationId(), d.recipient(), d.channel(),
                    DeliveryState.IN_FLIGHT, d.attempts() + 1, leaseUntil, d.lastError(), d.createdAt(), now);
            log.put(db.deliveries, d.id(), claimed);
            log.put(db.claimTokens, d.id(), token);
            out.add(new ClaimedDelivery(claimed, token));
        }
        return out;
    }

    @Override
    public boolean complete(DeliveryId id, String token, DeliveryOutcome outcome) {
        TransactionNesting.checkWritable(writable);
        Delivery d = db.deliveries.get(id);
        if (d == null || d.state() != DeliveryState.IN_FLIGHT || !token.equals(db.claimTokens.get(id))) {
            return false;
        }
        log.put(db.claimTokens, id, null);
        log.put(db.deliveries, id, new Delivery(id, d.notificationId(), d.recipient(), d.channel(), outcome.state(),
                d.attempts(), outcome.retryAt(), outcome.error(), d.createdAt(), outcome.at()));
        if (!outcome.state().isOpen()) {
            log.put(db.openDeliveries, new OpenDelivery(d.notificationId(), d.channel()), null);
        }
        return true;
    }

    @Override
    public boolean requeue(DeliveryId id, Instant at) {
        TransactionNesting.checkWritable(writable);
        Delivery d = db.deliveries.get(id);
        OpenDelivery key = d == null ? null : new OpenDelivery(d.notificationId(), d.channel());
        if (d == null || d.state() != DeliveryState.DEAD || db.openDeliveries.containsKey(key)) {
            return false;
        }
        log.put(db.deliveries, id, new Delivery(id, d.notificationId(), d.recipient(), d.channel(),
                DeliveryState.PENDING, 0, at, d.lastError(), d.createdAt(), at));
        log.put(db.openDeliveries, key, id);
        return true;
    }

    @Override
    public void setDeliveryPreference(UserId user, DeliveryChannel channel, NotificationKind kind, boolean enabled,
            Instant at) {
        TransactionNesting.checkWritable(writable);
        log.put(db.deliveryPreferences, new DeliveryPreference(user, channel, kind.code()), enabled);
    }

    @Override
    public long purgeDeliveries(Instant before) {
        TransactionNesting.checkWritable(writable);
        List<DeliveryId> old = db.deliveries.values().stream()
                .filter(d -> !d.state().isOpen() && d.updatedAt().isBefore(before)).map(Delivery::id).toList();
        old.forEach(id -> log.put(db.deliveries, id, null));
        return old.size();
    }
}
