package org.forumkit.internal;

import jakarta.validation.MessageInterpolator;
import jakarta.validation.NoProviderFoundException;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.lang.annotation.ElementType;
import java.time.Clock;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.forumkit.AuditLog;
import org.forumkit.Bans;
import org.forumkit.Boards;
import org.forumkit.Credits;
import org.forumkit.Deliveries;
import org.forumkit.DeliverySettings;
import org.forumkit.Feeds;
import org.forumkit.ForumSettings;
import org.forumkit.Notifications;
import org.forumkit.Imports;
import org.forumkit.Posts;
import org.forumkit.Reports;
import org.forumkit.Search;
import org.forumkit.Topics;
import org.forumkit.Views;
import org.forumkit.Votes;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.DeliveryChannel;
import org.forumkit.spi.CensorPolicy;
import org.forumkit.spi.ContentRenderer;
import org.forumkit.spi.CreditPolicy;
import org.forumkit.spi.ForumEventListener;
import org.forumkit.spi.NotificationSender;
import org.forumkit.spi.PermissionPolicy;
import org.forumkit.spi.UserDirectory;
import org.forumkit.spi.store.ForumStore;

/** Wires the services of one {@code Forum}, each with the collaborators it uses; not API. */
public final class ForumEngine {
    private final ForumSettings settings;
    private final ValidatorFactory ownedFactory;

    private final BoardsService boards;
    private final TopicsService topics;
    private final PostsService posts;
    private final VotesService votes;
    private final ReportsService reports;
    private final AuditService audit;
    private final BansService bans;
    private final CreditsService credits;
    private final ViewBuffer views;
    private final NotificationsService notifications;
    private final DeliveriesService deliveries;
    private final FeedsService feeds;
    private final ImportService imports;
    private final SearchService search;

    public ForumEngine(ForumStore store, Clock clock, ForumSettings settings, PermissionPolicy policy,
            CensorPolicy censorPolicy, CreditPolicy creditPolicy,
            Map<ContentFormat, ContentRenderer> renderers, List<ForumEventListener> listeners, Validator validator,
            Optional<UserDirectory> directory, List<NotificationSender> senders,
            Optional<DeliverySettings> deliverySettings) {
        this.settings = settings;
        this.ownedFactory = validator == null ? defaultValidatorFactory() : null;
        Validator checker = validator == null ? ownedFactory.getValidator() : validator;
        ForumClock now = new ForumClock(clock);
        AccessRules access = new AccessRules(settings, policy);
        Standings standings = new Standings(now);
        Paging paging = new Paging(settings);
        AuditTrail trail = new AuditTrail(now);
        CreditAwards awards = new CreditAwards(creditPolicy, now);
        Map<DeliveryChannel, NotificationSender> byChannel = new LinkedHashMap<>();
        senders.forEach(sender -> byChannel.put(sender.channel(), sender));
        DeliveryQueue deliveryQueue = new DeliveryQueue(byChannel);
        Notifier notifier = new Notifier(access, directory.orElse(UserDirectory.ROLELESS), deliveryQueue);
        Events events = new Events(listeners, directory.map(d -> notifier));
        SearchAnalysis analysis = new SearchAnalysis();
        SearchIndexing indexing = new SearchIndexing(analysis);
        WritePipeline pipeline = new WritePipeline(store, checker, renderers, censorPolicy, access,
                new FloodGate(access, now), awards, events, now, indexing);

        this.boards = new BoardsService(store, settings, checker, access, standings, trail, paging);
        this.topics = new TopicsService(store, settings, access, standings, trail, paging, pipeline);
        this.posts = new PostsService(new PostAuthoring(store, settings, access, standings, trail, now, pipeline),
                new PostModeration(store, access, trail, awards, events, now, paging));
        this.votes = new VotesService(store, settings, access, standings, awards, events, now);
        this.bans = new BansService(store, checker, access, trail, now);
        this.reports = new ReportsService(store, checker, access, standings, bans, awards, trail, events, now,
                paging);
        this.audit = new AuditService(store, access, paging);
        this.credits = new CreditsService(store, access, awards, paging);
        this.views = new ViewBuffer(store, clock, settings);
        this.imports = new ImportService(store, settings, censorPolicy, renderers, now, indexing);
        this.search = new SearchService(store, access, analysis, indexing,
                new SearchThrottle(now, settings.search()), settings.search());
        this.notifications = new NotificationsService(store, access, notifier, paging, now);
        this.deliveries = new DeliveriesService(store, deliverySettings, deliveryQueue,
                directory.orElse(UserDirectory.ROLELESS), notifications, access, paging, now);
        this.feeds = new FeedsService(store, access, now);
    }

    public Notifications notifications() {
        return notifications;
    }

    public Deliveries deliveries() {
        return deliveries;
    }

    public Feeds feeds() {
        return feeds;
    }

    public Boards boards() {
        return boards;
    }

    public Topics topics() {
        return topics;
    }

    public Posts posts() {
        return posts;
    }

    public Votes votes() {
        return votes;
    }

    public Reports reports() {
        return reports;
    }

    public Credits credits() {
        return credits;
    }

    public Bans bans() {
        return bans;
    }

    public AuditLog audit() {
        return audit;
    }

    public Views views() {
        return views;
    }

    public Imports imports() {
        return imports;
    }

    public Search search() {
        return search;
    }

    public ForumSettings settings() {
        return settings;
    }

    public void close() {
        views.close();
        if (ownedFactory != null) {
            ownedFactory.close();
        }
    }

    private static ValidatorFactory defaultValidatorFactory() {
        try {
            return Validation.byDefaultProvider().configure()
                    .messageInterpolator(new TemplateInterpolator())
                    .traversableResolver(new EveryPropertyReachable())
                    // nothing to cache when every answer is yes (Hibernate Validator's name; others ignore it)
                    .addProperty("hibernate.validator.enable_traversable_resolver_result_cache", "false")
                    .buildValidatorFactory();
        } catch (NoProviderFoundException e) {
            throw new IllegalStateException("no Jakarta Validation provider on the class path: add "
                    + "a provider such as Hibernate Validator, or pass one with Forum.builder().validator(…)", e);
        }
    }

    /**
     * Commands are records, never entities: with Jakarta Persistence on the class path the provider's default would
     * ask it whether each property is loaded (a provider look-up, and garbage, per property of every command).
     */
    private static final class EveryPropertyReachable implements TraversableResolver {
        @Override
        public boolean isReachable(Object bean, Path.Node property, Class<?> rootBeanType, Path pathToProperty,
                ElementType elementType) {
            return true;
        }

        @Override
        public boolean isCascadable(Object bean, Path.Node property, Class<?> rootBeanType, Path pathToProperty,
                ElementType elementType) {
            return true;
        }
    }

    /** Forumkit words violations itself (see {@code Violation}), so no expression language is needed. */
    private static final class TemplateInterpolator implements MessageInterpolator {
        @Override
        public String interpolate(String template, Context context) {
            return template;
        }

        @Override
        public String interpolate(String template, Context context, Locale locale) {
            return template;
        }
    }
}
