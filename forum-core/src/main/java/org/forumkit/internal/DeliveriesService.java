package org.forumkit.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.forumkit.Deliveries;
import org.forumkit.DeliverySettings;
import org.forumkit.ValidationException;
import org.forumkit.Violation;
import org.forumkit.model.Delivery;
import org.forumkit.model.DeliveryChannel;
import org.forumkit.model.DeliveryId;
import org.forumkit.model.DeliveryRun;
import org.forumkit.model.DeliveryState;
import org.forumkit.model.InboxEntry;
import org.forumkit.model.Notification;
import org.forumkit.model.NotificationKind;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Unsubscription;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.forumkit.spi.DeliveryException;
import org.forumkit.spi.NotificationSender;
import org.forumkit.spi.OutgoingNotification;
import org.forumkit.spi.UserDirectory;
import org.forumkit.spi.store.ClaimedDelivery;
import org.forumkit.spi.store.DeliveryOutcome;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.StoreReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery worker and the delivery settings API. A round claims in one short transaction, checks and sends each
 * delivery outside any transaction, and records each outcome in a transaction of its own, only while its claim is
 * still current.
 */
final class DeliveriesService implements Deliveries {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveriesService.class);
    /** The most deliveries one round claims. */
    static final int MAX_ROUND = 1000;

    private final ForumStore store;
    private final Optional<DeliverySettings> settings;
    private final Optional<UnsubscribeTokens> tokens;
    private final DeliveryQueue queue;
    private final UserDirectory directory;
    private final NotificationsService notifications;
    private final AccessRules access;
    private final Paging paging;
    private final ForumClock clock;

    DeliveriesService(ForumStore store, Optional<DeliverySettings> settings, DeliveryQueue queue,
            UserDirectory directory, NotificationsService notifications, AccessRules access, Paging paging,
            ForumClock clock) {
        this.store = store;
        this.settings = settings;
        this.tokens = settings.map(s -> new UnsubscribeTokens(s.unsubscribeKey(), s.unsubscribeValidity()));
        this.queue = queue;
        this.directory = directory;
        this.notifications = notifications;
        this.access = access;
        this.paging = paging;
        this.clock = clock;
    }

    @Override
    public DeliveryRun deliverDue(int max) {
        if (max < 1 || max > MAX_ROUND) {
            throw new ValidationException(List.of(Violation.of("max", "out_of_range", MAX_ROUND)));
        }
        if (settings.isEmpty() || queue.senders().isEmpty()) {
            return new DeliveryRun(0, 0, 0, 0, 0, 0);
        }
        DeliverySettings s = settings.get();
        Instant now = clock.now();
        List<ClaimedDelivery> claimed = store.inTransaction(tx -> tx.outbox().claim(queue.senders().keySet(), now,
                now.plus(s.lease()), s.node(), max));
        int delivered = 0;
        int retrying = 0;
        int dead = 0;
        int skipped = 0;
        int lost = 0;
        for (ClaimedDelivery claim : claimed) {
            DeliveryOutcome outcome = attempt(s, claim);
            boolean current = store.inTransaction(tx -> tx.outbox().complete(claim.delivery().id(), claim.token(),
                    outcome));
            if (!current) {
                lost++;
                LOG.warn("delivery {} was claimed again by another node before this one finished it (lease {})",
                        claim.delivery().id(), s.lease());
                continue;
            }
            switch (outcome.state()) {
                case DELIVERED -> delivered++;
                case PENDING -> retrying++;
                case DEAD -> dead++;
                default -> skipped++;
            }
        }
        return new DeliveryRun(claimed.size(), delivered, retrying, dead, skipped, lost);
    }

    /** Checks a claimed delivery again and sends it; never throws. */
    private DeliveryOutcome attempt(DeliverySettings s, ClaimedDelivery claim) {
        Delivery d = claim.delivery();
        NotificationSender sender = queue.senders().get(d.channel());
        OutgoingNotification outgoing;
        try {
            Object checked = store.readOnly(reader -> check(reader, sender, d));
            if (checked instanceof String reason) {
                return DeliveryOutcome.done(DeliveryState.SKIPPED, reason, clock.now());
            }
            outgoing = (OutgoingNotification) checked;
        } catch (RuntimeException e) {
            LOG.warn("delivery {} could not be prepared", d.id(), e);
            return failed(s, d, "prepare: " + e);
        }
        try {
            sender.send(outgoing);
            return DeliveryOutcome.done(DeliveryState.DELIVERED, null, clock.now());
        } catch (DeliveryException e) {
            LOG.info("delivery {} on {} failed (attempt {}, permanent {}): {}", d.id(), d.channel(), d.attempts(),
                    e.permanent(), e.getMessage());
            return switch (e.outcome()) {
                case DEAD -> DeliveryOutcome.done(DeliveryState.DEAD, e.getMessage(), clock.now());
                case SKIP -> DeliveryOutcome.done(DeliveryState.SKIPPED, e.getMessage(), clock.now());
                case RETRY -> failed(s, d, e.getMessage());
            };
        } catch (RuntimeException e) {
            LOG.warn("delivery {} on {} failed (attempt {})", d.id(), d.channel(), d.attempts(), e);
            return failed(s, d, e.toString());
        }
    }

    private DeliveryOutcome failed(DeliverySettings s, Delivery d, String error) {
        Instant now = clock.now();
        return d.attempts() >= s.maxAttempts() ? DeliveryOutcome.done(DeliveryState.DEAD, error, now)
                : DeliveryOutcome.retry(now.plus(s.retryDelay(d.attempts())), error, now);
    }

    /** The notification to send, or why it is skipped: read meanwhile, turned off, gone, or out of sight now. */
    private Object check(StoreReader reader, NotificationSender sender, Delivery d) {
        Optional<Notification> found = reader.notifications().notification(d.notificationId());
        if (found.isEmpty()) {
            return "the notification was purged";
        }
        Notification n = found.get();
        if (sender.skipWhenRead() && n.read()) {
            return "read before it was sent";
        }
        if (!reader.outbox().deliveryPreference(d.recipient(), d.channel(), n.kind())
                .orElse(sender.enabledByDefault(n.kind()))) {
            return "turned off by the recipient";
        }
        Viewer.Member member = directory.members(List.of(d.recipient())).get(d.recipient());
        if (member == null) {
            return "the recipient is unknown to the directory";
        }
        Optional<InboxEntry> entry = notifications.shown(reader, member, n);
        if (entry.isEmpty()) {
            return "no longer visible to the recipient";
        }
        String token = tokens.orElseThrow().issue(new Unsubscription(d.recipient(), d.channel(), n.kind()),
                clock.now());
        return new OutgoingNotification(d.id(), d.attempts(), d.channel(), member, entry.get(), token);
    }

    @Override
    public Optional<Delivery> delivery(DeliveryId id) {
        Objects.requireNonNull(id, "id");
        return store.readOnly(reader -> reader.outbox().delivery(id));
    }

    @Override
    public Page<Delivery, DeliveryId> list(DeliveryState state, PageRequest<DeliveryId> request) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(request, "request");
        paging.requireSize(request.size());
        return store.readOnly(reader -> Paging.read(request.size(),
                n -> reader.outbox().deliveries(state, request.optionalAfter(), n), Delivery::id));
    }

    @Override
    public boolean retry(DeliveryId id) {
        Objects.requireNonNull(id, "id");
        Instant now = clock.now();
        return store.inTransaction(tx -> tx.outbox().requeue(id, now));
    }

    @Override
    public long purge(Duration age) {
        Objects.requireNonNull(age, "age");
        if (age.isNegative()) {
            throw new ValidationException(List.of(Violation.of("age", "out_of_range")));
        }
        Instant before = clock.now().minus(age);
        return store.inTransaction(tx -> tx.outbox().purgeDeliveries(before));
    }

    @Override
    public boolean enabled(Viewer viewer, DeliveryChannel channel, NotificationKind kind) {
        UserId me = access.author(Objects.requireNonNull(viewer, "viewer")).id();
        NotificationSender sender = sender(channel);
        Objects.requireNonNull(kind, "kind");
        return store.readOnly(reader -> reader.outbox().deliveryPreference(me, channel, kind))
                .orElse(sender.enabledByDefault(kind));
    }

    @Override
    public void setEnabled(Viewer viewer, DeliveryChannel channel, NotificationKind kind, boolean enabled) {
        UserId me = access.author(Objects.requireNonNull(viewer, "viewer")).id();
        sender(channel);
        Objects.requireNonNull(kind, "kind");
        Instant now = clock.now();
        store.inTransaction(tx -> {
            tx.outbox().setDeliveryPreference(me, channel, kind, enabled, now);
            return null;
        });
    }

    @Override
    public String unsubscribeToken(UserId user, DeliveryChannel channel, NotificationKind kind) {
        Unsubscription what = new Unsubscription(user, channel, kind);
        sender(channel);
        return configuredTokens().issue(what, clock.now());
    }

    @Override
    public Unsubscription unsubscribe(String token) {
        Instant now = clock.now();
        Unsubscription what = configuredTokens().verify(token, now);
        // a token of a channel this forum no longer has is still honoured: the choice is stored all the same
        store.inTransaction(tx -> {
            tx.outbox().setDeliveryPreference(what.user(), what.channel(), what.kind(), false, now);
            return null;
        });
        return what;
    }

    private UnsubscribeTokens configuredTokens() {
        return tokens.orElseThrow(() -> new IllegalStateException(
                "deliveries are not configured: Forum.builder().deliverySettings(DeliverySettings.of(key))"));
    }

    private NotificationSender sender(DeliveryChannel channel) {
        Objects.requireNonNull(channel, "channel");
        NotificationSender sender = queue.senders().get(channel);
        if (sender == null) {
            throw new ValidationException(List.of(Violation.of("channel", "unknown_channel")));
        }
        return sender;
    }
}
