package org.forumkit.internal;

import jakarta.validation.MessageInterpolator;
import jakarta.validation.NoProviderFoundException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.forumkit.AuditLog;
import org.forumkit.Bans;
import org.forumkit.Boards;
import org.forumkit.Credits;
import org.forumkit.ForumSettings;
import org.forumkit.PermissionDeniedException;
import org.forumkit.RateLimitedException;
import org.forumkit.Reports;
import org.forumkit.Posts;
import org.forumkit.Topics;
import org.forumkit.ValidationException;
import org.forumkit.Views;
import org.forumkit.Violation;
import org.forumkit.Votes;
import org.forumkit.event.ForumEvent;
import org.forumkit.model.AuditAction;
import org.forumkit.model.Author;
import org.forumkit.model.Ban;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.CreditCycle;
import org.forumkit.model.CreditEvent;
import org.forumkit.model.CreditRule;
import org.forumkit.model.DenialReason;
import org.forumkit.model.FloodControl;
import org.forumkit.model.PostId;
import org.forumkit.model.PostState;
import org.forumkit.model.TopicId;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.forumkit.spi.CensorPolicy;
import org.forumkit.spi.ContentRenderer;
import org.forumkit.spi.CreditPolicy;
import org.forumkit.spi.ForumEventListener;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.NewAuditEntry;
import org.forumkit.spi.store.NewCreditEntry;
import org.forumkit.spi.PermissionPolicy;
import org.forumkit.spi.store.PostingWindow;
import org.forumkit.spi.store.StoreReader;
import org.forumkit.spi.store.StoreTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the services of one {@code Forum}; not API. */
public final class ForumEngine {
    private static final Logger LOG = LoggerFactory.getLogger(ForumEngine.class);

    final ForumStore store;
    final ForumSettings settings;
    final AccessRules access;
    final Validator validator;
    private final Clock clock;
    private final CensorPolicy censorPolicy;
    private final CreditPolicy creditPolicy;
    private final Map<ContentFormat, ContentRenderer> renderers;
    private final List<ForumEventListener> listeners;
    private final ValidatorFactory ownedFactory;

    private final BoardsService boards;
    private final TopicsService topics;
    private final PostsService posts;
    private final VotesService votes;
    private final ReportsService reports;
    private final AuditService audit;
    final BansService bans;
    private final CreditsService credits;
    private final ViewBuffer views;

    public ForumEngine(ForumStore store, Clock clock, ForumSettings settings, PermissionPolicy policy,
            CensorPolicy censorPolicy, CreditPolicy creditPolicy,
            Map<ContentFormat, ContentRenderer> renderers, List<ForumEventListener> listeners, Validator validator) {
        this.store = store;
        this.creditPolicy = creditPolicy;
        this.clock = clock;
        this.censorPolicy = censorPolicy;
        this.settings = settings;
        this.access = new AccessRules(settings, policy);
        this.renderers = renderers;
        this.listeners = listeners;
        if (validator == null) {
            this.ownedFactory = defaultValidatorFactory();
            this.validator = ownedFactory.getValidator();
        } else {
            this.ownedFactory = null;
            this.validator = validator;
        }
        this.boards = new BoardsService(this);
        this.topics = new TopicsService(this);
        this.posts = new PostsService(this);
        this.votes = new VotesService(this);
        this.reports = new ReportsService(this);
        this.audit = new AuditService(this);
        this.bans = new BansService(this);
        this.credits = new CreditsService(this);
        this.views = new ViewBuffer(store, clock, settings);
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

    public ForumSettings settings() {
        return settings;
    }

    public void close() {
        views.close();
        if (ownedFactory != null) {
            ownedFactory.close();
        }
    }

    /** Refuses a page size outside 1..{@link ForumSettings#maxPageSize()} before anything is read. */
    void requirePageSize(int size) {
        if (size < 1 || size > settings.maxPageSize()) {
            throw new ValidationException(List.of(Violation.of("size", "out_of_range", settings.maxPageSize())));
        }
    }

    /** Now, to the microsecond: every database keeps that much, so a round trip changes nothing. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    boolean canRender(ContentFormat format) {
        return renderers.containsKey(format);
    }

    ContentRenderer renderer(ContentFormat format) {
        return renderers.get(format);
    }

    Censoring censoring(Board board) {
        return new Censoring(censorPolicy.forBoard(board));
    }

    /**
     * The state of a new post: {@code PENDING} when the board holds the viewer's posts for approval or a censored
     * word of the "moderate" list matched; moderators' posts are always visible.
     */
    PostState initialState(Viewer viewer, Board board, Censoring censoring) {
        boolean moderator = access.isModerator(viewer, board);
        if (!moderator && board.moderation().holds(viewer)) {
            return PostState.PENDING;
        }
        return censoring.state(moderator);
    }

    /** The author to store for a viewer: a signed-in user, with the display name cleaned like any name. */
    Author author(Viewer viewer) {
        if (!(viewer instanceof Viewer.Member member)) {
            throw new PermissionDeniedException(DenialReason.LOGIN_REQUIRED, "anonymous visitors cannot write");
        }
        String name = TextRules.cut(TextRules.line(member.displayName()), settings.maxNameLength());
        return new Author(member.id(), name.isEmpty() ? TextRules.cut(member.id().value(), settings.maxNameLength()) : name);
    }

    /** The standing given by bans read elsewhere (with a topic page): those active now count. */
    Standing standing(List<Ban> bans) {
        Instant now = now();
        List<Ban> active = bans.stream().filter(ban -> ban.isActiveAt(now)).toList();
        return active.isEmpty() ? Standing.NONE : new Standing(active);
    }

    /** The viewer's active bans in {@code board} (one store read for a signed-in user, none for a visitor). */
    Standing standing(StoreReader reader, Viewer viewer, Board board) {
        if (!(viewer instanceof Viewer.Member member)) {
            return Standing.NONE;
        }
        List<Ban> bans = reader.activeBans(member.id(), Optional.of(board.id()), now());
        return bans.isEmpty() ? Standing.NONE : new Standing(bans);
    }

    /**
     * Flood control of a new topic or reply: refuses with {@link RateLimitedException} (and the time to wait) when
     * the user posted in the board less than the minimum interval ago or reached the hour's cap, and otherwise
     * records the post, under the store's lock on the user's posting record, so concurrent posts pass one by one.
     * Moderators and boards without limits cost nothing.
     */
    void checkFlood(StoreTransaction tx, Viewer viewer, Board board) {
        FloodControl limits = board.moderation().floodControl();
        if (limits.limitsNothing() || access.isModerator(viewer, board) || viewer.userId().isEmpty()) {
            return;
        }
        UserId user = viewer.userId().orElseThrow();
        Instant now = now();
        PostingWindow window = tx.lockPostingWindow(user, board.id());
        if (!limits.minInterval().isZero() && window.lastPostAt() != null) {
            Instant allowed = window.lastPostAt().plus(limits.minInterval());
            if (now.isBefore(allowed)) {
                throw new RateLimitedException("at most one post every " + limits.minInterval() + " in board "
                        + board.id(), Duration.between(now, allowed));
            }
        }
        boolean fresh = window.windowStart() == null || !now.isBefore(window.windowStart().plus(HOUR));
        Instant start = fresh ? now : window.windowStart();
        int count = fresh ? 0 : window.windowCount();
        if (limits.maxPerHour() > 0 && count >= limits.maxPerHour()) {
            throw new RateLimitedException("at most " + limits.maxPerHour() + " posts an hour in board " + board.id(),
                    Duration.between(now, start.plus(HOUR)));
        }
        tx.savePostingWindow(user, board.id(), new PostingWindow(now, start, count + 1));
    }

    private static final Duration HOUR = Duration.ofHours(1);

    /** The board's credit rules (本版积分规则). */
    List<CreditRule> creditRules(Board board) {
        return List.copyOf(creditPolicy.forBoard(board));
    }

    /**
     * Applies the board's credit rules for {@code event} to {@code user}, under the store's lock on the user's
     * balance, so a rule's cap per cycle holds under concurrency. Boards without a rule for the event cost nothing.
     */
    void award(StoreTransaction tx, Board board, UserId user, CreditEvent event, PostId post) {
        List<CreditRule> rules = creditPolicy.forBoard(board).stream().filter(r -> r.event() == event).toList();
        if (rules.isEmpty()) {
            return;
        }
        tx.lockCreditBalance(user);
        Instant now = now();
        for (CreditRule rule : rules) {
            String cycle = switch (rule.cycle()) {
                case ONCE -> "once";
                case DAILY -> LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
                case UNLIMITED -> "unlimited";
            };
            if (rule.cycle() != CreditCycle.UNLIMITED
                    && tx.creditCount(user, board.id(), event, cycle) >= rule.maxPerCycle()) {
                continue;
            }
            tx.appendCredit(new NewCreditEntry(user, board.id(), event, rule.amount(), cycle, post, now));
        }
    }

    /** Appends an audit entry in {@code tx}: the action is logged exactly when it commits. */
    void audit(StoreTransaction tx, BoardId board, Author actor, AuditAction action, TopicId topic, PostId post,
            UserId subject, Object before, Object after, String reason) {
        tx.appendAudit(new NewAuditEntry(board, actor, action, topic, post, subject,
                before == null ? null : before.toString(), after == null ? null : after.toString(), reason, now()));
    }

    /** Appends the audit entry of a moderator's action on a post. */
    void audit(StoreTransaction tx, PostsService.Target target, Author actor, AuditAction action, Object before,
            Object after, String reason) {
        audit(tx, target.board().id(), actor, action, target.topic().id(), target.post().id(),
                target.post().author().id(), before, after, reason);
    }

    /** Delivers {@code event} to the listeners once {@code tx} has committed. */
    void publish(StoreTransaction tx, ForumEvent event) {
        tx.afterCommit(() -> {
            for (ForumEventListener listener : listeners) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    LOG.warn("event listener {} failed on {}", listener, event.getClass().getSimpleName(), e);
                }
            }
        });
    }

    private static ValidatorFactory defaultValidatorFactory() {
        try {
            return Validation.byDefaultProvider().configure()
                    .messageInterpolator(new TemplateInterpolator())
                    .buildValidatorFactory();
        } catch (NoProviderFoundException e) {
            throw new IllegalStateException("no Jakarta Validation provider on the class path: add "
                    + "a provider such as Hibernate Validator, or pass one with Forum.builder().validator(…)", e);
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
