package org.forumkit.spi.store;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.forumkit.model.DeliveryChannel;
import org.forumkit.model.DeliveryId;
import org.forumkit.model.NotificationKind;
import org.forumkit.model.UserId;

/**
 * The writes of the delivery outbox, reached from {@link StoreTransaction#outbox()}: queued in the transaction of the
 * notification they deliver, so a delivery is committed with its notification or not at all. At most one open
 * (PENDING or IN_FLIGHT) delivery per (notification, channel) ever exists (a unique key in a database).
 */
public interface DeliveryWriter extends DeliveryReader {

    /** Queues a delivery as {@link NewDelivery} says; whether it was queued. */
    boolean enqueue(NewDelivery delivery);

    /**
     * Queues, in one set-based statement, a delivery of each notification {@link NotificationWriter#notifyWatchers}
     * just added for the fan-out's post (WATCHING is the kind the preference is read for); called right after it,
     * under the topic's row lock, and only when it added some. A notification that counts on is delivered once while
     * unread, not once per post counted into it. How many it queued.
     */
    int enqueueWatchers(WatcherFanOut fanOut, DeliveryChannel channel, boolean enabledByDefault, Instant dueAt);

    /**
     * Claims up to {@code limit} deliveries of the given channels whose next time is at most {@code now} (pending
     * ones due, and in-flight ones whose lease ran out: their node died), oldest due first, skipping rows another
     * transaction holds locked ({@code FOR UPDATE SKIP LOCKED}) so concurrent claimers on any node never claim one
     * delivery twice nor wait for each other. Each comes back IN_FLIGHT, its attempts plus one, its next time
     * {@code leaseUntil}, with a token new to this claim.
     */
    List<ClaimedDelivery> claim(Set<DeliveryChannel> channels, Instant now, Instant leaseUntil, String claimer,
            int limit);

    /**
     * Ends an attempt as {@code outcome} says, only while the claim is still the delivery's current one (same
     * token, still IN_FLIGHT); whether it was.
     */
    boolean complete(DeliveryId id, String token, DeliveryOutcome outcome);

    /**
     * Puts a DEAD delivery back to PENDING with no attempts, due at {@code at}; false when it is not dead or its
     * notification already has an open delivery on the channel.
     */
    boolean requeue(DeliveryId id, Instant at);

    /** Stores a user's own setting for a channel and kind (replacing any). */
    void setDeliveryPreference(UserId user, DeliveryChannel channel, NotificationKind kind, boolean enabled,
            Instant at);

    /** Deletes the final deliveries last changed before {@code before}; how many. */
    long purgeDeliveries(Instant before);
}
