package org.forumkit.internal;

import java.util.Map;
import org.forumkit.model.DeliveryChannel;
import org.forumkit.model.Notification;
import org.forumkit.model.NotificationKind;
import org.forumkit.spi.NotificationSender;
import org.forumkit.spi.store.NewDelivery;
import org.forumkit.spi.store.StoreTransaction;
import org.forumkit.spi.store.WatcherFanOut;

/** Queues the deliveries of new and folded notifications on every channel of the forum, in their transaction. */
final class DeliveryQueue {
    static final DeliveryQueue NONE = new DeliveryQueue(Map.of());

    private final Map<DeliveryChannel, NotificationSender> senders;

    DeliveryQueue(Map<DeliveryChannel, NotificationSender> senders) {
        this.senders = Map.copyOf(senders);
    }

    Map<DeliveryChannel, NotificationSender> senders() {
        return senders;
    }

    void queue(StoreTransaction tx, Notification n) {
        for (NotificationSender sender : senders.values()) {
            tx.outbox().enqueue(new NewDelivery(n.id(), n.recipient(), n.kind(), sender.channel(),
                    sender.enabledByDefault(n.kind()), n.updatedAt().plus(sender.delay()), n.updatedAt()));
        }
    }

    void queueWatchers(StoreTransaction tx, WatcherFanOut fanOut) {
        for (NotificationSender sender : senders.values()) {
            tx.outbox().enqueueWatchers(fanOut, sender.channel(), sender.enabledByDefault(NotificationKind.WATCHING),
                    fanOut.at().plus(sender.delay()));
        }
    }
}
