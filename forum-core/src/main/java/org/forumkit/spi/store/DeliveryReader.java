package org.forumkit.spi.store;

import java.util.List;
import java.util.Optional;
import org.forumkit.model.Delivery;
import org.forumkit.model.DeliveryChannel;
import org.forumkit.model.DeliveryId;
import org.forumkit.model.DeliveryState;
import org.forumkit.model.NotificationId;
import org.forumkit.model.NotificationKind;
import org.forumkit.model.UserId;

/** The reads of the delivery outbox, reached from {@link StoreReader#outbox()}. */
public interface DeliveryReader {

    Optional<Delivery> delivery(DeliveryId id);

    /** Up to {@code limit} deliveries in a state, newest (highest id) first, before {@code before} when given. */
    List<Delivery> deliveries(DeliveryState state, Optional<DeliveryId> before, int limit);

    /** The deliveries of one notification, oldest first. */
    List<Delivery> deliveriesOf(NotificationId notification);

    /** A user's own setting for a channel and a kind, when they made one. */
    Optional<Boolean> deliveryPreference(UserId user, DeliveryChannel channel, NotificationKind kind);
}
