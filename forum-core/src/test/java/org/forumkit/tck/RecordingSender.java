package org.forumkit.tck;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.forumkit.model.DeliveryChannel;
import org.forumkit.model.NotificationKind;
import org.forumkit.spi.DeliveryException;
import org.forumkit.spi.NotificationSender;
import org.forumkit.spi.OutgoingNotification;

/**
 * A sender for the kit: it keeps what it was handed, and fails on demand (the next {@code n} sends, retryably or for
 * good), so the kit can tell what the forum's worker did without any network.
 */
public final class RecordingSender implements NotificationSender {
    private final DeliveryChannel channel;
    private final Duration delay;
    private final boolean skipWhenRead;
    private final Set<NotificationKind> offByDefault;
    private final Queue<OutgoingNotification> sent = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean permanent;

    public RecordingSender(DeliveryChannel channel, Duration delay, boolean skipWhenRead,
            Set<NotificationKind> offByDefault) {
        this.channel = channel;
        this.delay = delay;
        this.skipWhenRead = skipWhenRead;
        this.offByDefault = Set.copyOf(offByDefault);
    }

    /** The next {@code n} sends fail; {@code permanent} says whether trying again could help. */
    public void failNext(int n, boolean permanent) {
        this.permanent = permanent;
        failures.set(n);
    }

    public List<OutgoingNotification> sent() {
        return new ArrayList<>(sent);
    }

    @Override
    public DeliveryChannel channel() {
        return channel;
    }

    @Override
    public Duration delay() {
        return delay;
    }

    @Override
    public boolean skipWhenRead() {
        return skipWhenRead;
    }

    @Override
    public boolean enabledByDefault(NotificationKind kind) {
        return !offByDefault.contains(kind);
    }

    @Override
    public void send(OutgoingNotification notification) {
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new DeliveryException("refused on purpose (attempt " + notification.attempt() + ")",
                    permanent ? DeliveryException.Outcome.DEAD : DeliveryException.Outcome.RETRY);
        }
        sent.add(notification);
    }
}
