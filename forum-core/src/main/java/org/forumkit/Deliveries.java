package org.forumkit;

import java.time.Duration;
import java.util.Optional;
import org.forumkit.model.Delivery;
import org.forumkit.model.DeliveryChannel;
import org.forumkit.model.DeliveryId;
import org.forumkit.model.DeliveryRun;
import org.forumkit.model.DeliveryState;
import org.forumkit.model.NotificationKind;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Unsubscription;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;

/**
 * Delivery of notifications outside the forum (mail, webhooks) through an outbox in the store: each delivery is
 * queued in the transaction of its notification, claimed by one node at a time, retried with backoff, and ends
 * DELIVERED, DEAD or SKIPPED. Enable with {@code Forum.builder().sender(…).deliverySettings(…)}; the host runs
 * {@link #deliverDue} on a schedule on as many nodes as it likes.
 */
public interface Deliveries {

    /**
     * Claims up to {@code max} (1 to 1,000) deliveries that are due on this forum's channels and sends them one by
     * one, outside any transaction; what became of them.
     */
    DeliveryRun deliverDue(int max);

    Optional<Delivery> delivery(DeliveryId id);

    /** The deliveries in a state (DEAD ones, for an operator), newest first. */
    Page<Delivery, DeliveryId> list(DeliveryState state, PageRequest<DeliveryId> request);

    /** Queues a DEAD delivery again, with a fresh budget of attempts; whether it was dead (and is queued now). */
    boolean retry(DeliveryId id);

    /** Deletes the finished deliveries last changed longer ago than {@code age}: for the host to schedule. */
    long purge(Duration age);

    /** Whether the viewer gets this kind of notification on a channel: their choice, else the sender's default. */
    boolean enabled(Viewer viewer, DeliveryChannel channel, NotificationKind kind);

    /** Turns a kind of notification on or off on a channel for the viewer. */
    void setEnabled(Viewer viewer, DeliveryChannel channel, NotificationKind kind, boolean enabled);

    /**
     * A signed token that turns this kind off on this channel for the user, valid for the settings'
     * {@code unsubscribeValidity}: for the host's one-click unsubscribe link. Senders get one with each notification.
     */
    String unsubscribeToken(UserId user, DeliveryChannel channel, NotificationKind kind);

    /**
     * Verifies an unsubscribe token (its signature, in constant time, then its expiry) and turns off what it names;
     * using it again changes nothing. A token that is malformed, forged or for another forum fails with a
     * {@link ValidationException} ({@code token}: {@code malformed}); an old one with {@code token}: {@code expired};
     * nothing is written then.
     */
    Unsubscription unsubscribe(String token);
}
