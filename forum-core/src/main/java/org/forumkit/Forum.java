package org.forumkit;

import jakarta.validation.Validator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.forumkit.internal.ForumEngine;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.DeliveryChannel;
import org.forumkit.render.BbCodeRenderer;
import org.forumkit.render.MarkdownRenderer;
import org.forumkit.render.PlainTextRenderer;
import org.forumkit.spi.CensorPolicy;
import org.forumkit.spi.ContentRenderer;
import org.forumkit.spi.CreditPolicy;
import org.forumkit.spi.ForumEventListener;
import org.forumkit.spi.NotificationSender;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.PermissionPolicy;
import org.forumkit.spi.UserDirectory;

/**
 * A forum: the one entry point a host calls. Build it once with {@link #builder()} and share it; it is
 * thread-safe and keeps no state but the view buffer, so several instances (app nodes) may share one store.
 *
 * <pre>{@code
 * Forum forum = Forum.builder().store(new InMemoryForumStore()).build();
 * }</pre>
 */
public final class Forum implements AutoCloseable {
    private final ForumEngine engine;

    private Forum(ForumEngine engine) {
        this.engine = engine;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Boards boards() {
        return engine.boards();
    }

    public Topics topics() {
        return engine.topics();
    }

    public Posts posts() {
        return engine.posts();
    }

    public Votes votes() {
        return engine.votes();
    }

    /** Reports of posts (举报) and their review by moderators. */
    public Reports reports() {
        return engine.reports();
    }

    /** Credit rules per board, users' balances and ledgers (积分). */
    public Credits credits() {
        return engine.credits();
    }

    /** Bans and mutes of users, per board or everywhere. */
    public Bans bans() {
        return engine.bans();
    }

    /** The append-only log of moderators' and admins' actions. */
    public AuditLog audit() {
        return engine.audit();
    }

    /** The users' inboxes; written only when the forum was built with {@link Builder#notifications}. */
    public Notifications notifications() {
        return engine.notifications();
    }

    /**
     * Delivery of notifications by mail, webhooks or the host's own senders, through an outbox in the store; only
     * when the forum was built with {@link Builder#sender} and {@link Builder#deliverySettings}.
     */
    public Deliveries deliveries() {
        return engine.deliveries();
    }

    /** Atom feeds of boards and topics, with only what an anonymous visitor may see. */
    public Feeds feeds() {
        return engine.feeds();
    }

    public Views views() {
        return engine.views();
    }

    /** Imports a site's history (Disqus, WordPress, Discuz!, …); see {@link Imports}. */
    public Imports imports() {
        return engine.imports();
    }

    /** Full-text search of titles and posts, and the rebuild of its index. */
    public Search search() {
        return engine.search();
    }

    public ForumSettings settings() {
        return engine.settings();
    }

    /** Flushes buffered views and stops the background flusher. */
    @Override
    public void close() {
        engine.close();
    }

    /** Builds a {@link Forum}; only the store is required. */
    public static final class Builder {
        private ForumStore store;
        private Clock clock = Clock.systemUTC();
        private ForumSettings settings = ForumSettings.defaults();
        private PermissionPolicy permissionPolicy = PermissionPolicy.BOARD_RULES;
        private CensorPolicy censorPolicy = CensorPolicy.NONE;
        private CreditPolicy creditPolicy = CreditPolicy.NONE;
        private final Map<ContentFormat, ContentRenderer> renderers = new LinkedHashMap<>();
        private final List<ForumEventListener> listeners = new ArrayList<>();
        private Validator validator;
        private UserDirectory directory;
        private final Map<DeliveryChannel, NotificationSender> senders = new LinkedHashMap<>();
        private DeliverySettings deliverySettings;

        private Builder() {
            renderer(new PlainTextRenderer());
            renderer(new BbCodeRenderer());
            renderer(new MarkdownRenderer());
        }

        public Builder store(ForumStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder settings(ForumSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** A host hook that may refine every permission decision. */
        public Builder permissionPolicy(PermissionPolicy policy) {
            this.permissionPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The censored words of each board (none by default); see {@link org.forumkit.censor.WordFilter}. */
        public Builder censorPolicy(CensorPolicy policy) {
            this.censorPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The credit rules (本版积分规则) of each board (none by default). */
        public Builder creditPolicy(CreditPolicy policy) {
            this.creditPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Adds a renderer, replacing any earlier one for the same format. PLAIN, BBCODE and MARKDOWN are built in. */
        public Builder renderer(ContentRenderer renderer) {
            renderers.put(Objects.requireNonNull(renderer, "renderer").format(), renderer);
            return this;
        }

        public Builder listener(ForumEventListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * The Jakarta Validation validator to check commands with; by default one is built from the provider on
         * the class path (Hibernate Validator comes with forum-core).
         */
        public Builder validator(Validator validator) {
            this.validator = Objects.requireNonNull(validator, "validator");
            return this;
        }

        /**
         * Keeps an inbox per user, written in the transaction of each reply, quote, vote, moderator's action and
         * resolved report; {@code directory} tells who a recipient is, so nobody is told of a post they may not
         * see ({@link UserDirectory#ROLELESS} when no board is restricted to roles).
         */
        public Builder notifications(UserDirectory directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Delivers the notifications of its channel (one sender per channel) through the store's outbox; needs
         * {@link #notifications} and {@link #deliverySettings}. Every node that writes posts must have the same
         * senders, so each queues the same deliveries; any node may run {@code forum.deliveries().deliverDue(…)}.
         */
        public Builder sender(NotificationSender sender) {
            Objects.requireNonNull(sender, "sender");
            if (senders.putIfAbsent(Objects.requireNonNull(sender.channel(), "channel"), sender) != null) {
                throw new IllegalArgumentException("a sender for channel " + sender.channel() + " was added already");
            }
            return this;
        }

        /** How deliveries are retried, leased and signed; required with a {@link #sender}. */
        public Builder deliverySettings(DeliverySettings settings) {
            this.deliverySettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public Forum build() {
            if (store == null) {
                throw new IllegalStateException("a Forum needs a store: Forum.builder().store(…)");
            }
            if (!senders.isEmpty() && (directory == null || deliverySettings == null)) {
                throw new IllegalStateException("senders need notifications(directory) and deliverySettings(…)");
            }
            return new Forum(new ForumEngine(store, clock, settings, permissionPolicy, censorPolicy, creditPolicy,
                    Map.copyOf(renderers),
                    List.copyOf(listeners), validator, Optional.ofNullable(directory), List.copyOf(senders.values()),
                    Optional.ofNullable(deliverySettings)));
        }
    }
}
