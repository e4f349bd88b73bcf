package org.forumkit.internal;

import jakarta.validation.Validator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import org.forumkit.ValidationException;
import org.forumkit.Violation;
import org.forumkit.event.ForumEvent;
import org.forumkit.model.Author;
import org.forumkit.model.Board;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.CreditEvent;
import org.forumkit.model.PostId;
import org.forumkit.model.PostState;
import org.forumkit.model.Viewer;
import org.forumkit.spi.CensorPolicy;
import org.forumkit.spi.ContentRenderer;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.IndexedTerm;
import org.forumkit.spi.store.StoreTransaction;

/**
 * The one write path of new topics, replies and edits: checks → transaction → lookup → standing and permission →
 * censoring → flood control → render → store → search index → credits → events. Each command gives a {@link Draft} with what
 * differs; the order of the steps, and so of the store's statements, is written here once.
 */
final class WritePipeline {
    private final ForumStore store;
    private final Validator validator;
    private final Map<ContentFormat, ContentRenderer> renderers;
    private final CensorPolicy censorPolicy;
    private final AccessRules access;
    private final FloodGate flood;
    private final CreditAwards credits;
    private final Events events;
    private final ForumClock clock;
    private final SearchIndexing search;

    WritePipeline(ForumStore store, Validator validator, Map<ContentFormat, ContentRenderer> renderers,
            CensorPolicy censorPolicy, AccessRules access, FloodGate flood, CreditAwards credits, Events events,
            ForumClock clock, SearchIndexing search) {
        this.store = store;
        this.validator = validator;
        this.renderers = renderers;
        this.censorPolicy = censorPolicy;
        this.access = access;
        this.flood = flood;
        this.credits = credits;
        this.events = events;
        this.clock = clock;
        this.search = search;
    }

    /** One command's own steps, called once each in the order declared here (a draft lives for one call). */
    interface Draft<R> {
        /** Reads what the command writes to (with the viewer's bans, where it can) and returns its board. */
        Board lookup(StoreTransaction tx, Viewer viewer);

        /** Refuses what the viewer may not do here, their bans included; returns the author to store. */
        Author permit(StoreTransaction tx, Viewer viewer);

        /** The format of the body; an unknown one is refused. */
        ContentFormat format();

        /** Adds the violations found against stored state, reading what {@link #store} needs. */
        default void check(StoreTransaction tx, Viewer viewer, Checks stored) {
        }

        /** Censors the command's texts, adding REJECT words to {@code stored}; returns the body to render. */
        String censor(Censoring censoring, Checks stored);

        /** Whether the board's flood control counts this write (new posts do, edits do not). */
        default boolean flooded() {
            return true;
        }

        R store(StoreTransaction tx, Composed composed);

        /**
         * Writes the search terms of what {@link #store} wrote, in the same transaction; {@code bodyTerms} are those
         * of the composed body, analysed before {@link #store} took its lock.
         */
        void index(StoreTransaction tx, R written, SearchIndexing search, List<IndexedTerm> bodyTerms);

        /** What the author earns by {@code written}, if anything. */
        default Optional<Credit> credit(R written) {
            return Optional.empty();
        }

        /** The events of {@code written}, delivered after commit. */
        List<ForumEvent> events(R written, Composed composed);
    }

    /**
     * What the pipeline hands the store step. {@code newState} is the state of a new post: PENDING when the board
     * holds the viewer's posts for approval or a "moderate" word matched, moderators' posts always visible;
     * {@code heldByCensor} says a "moderate" word matched (never for a moderator); {@code bodyTerms} are the body's
     * search terms, analysed before the store step takes its row lock.
     */
    record Composed(Author author, String body, ContentFormat format, String html, String rendererVersion,
            Instant now, PostState newState, boolean heldByCensor, List<IndexedTerm> bodyTerms) {
    }

    /** Credits the author earns for the post {@code post}. */
    record Credit(CreditEvent event, PostId post) {
    }

    /** Whether a renderer for {@code format} is installed, for a draft's checks before the transaction. */
    boolean canRender(ContentFormat format) {
        return renderers.containsKey(format);
    }

    /**
     * The html {@code body} would have as a post of {@code board}: censored and rendered as a write would, nothing
     * stored. Violations (a banned word, an unknown format) go to {@code checks}; the caller throws them.
     */
    String preview(Board board, ContentFormat format, String body, Checks checks) {
        ContentRenderer renderer = renderers.get(format);
        if (renderer == null) {
            checks.add("format", "unknown_format");
            return "";
        }
        String censored = new Censoring(censorPolicy.forBoard(board)).apply(checks, "body", body);
        return renderer.render(censored);
    }

    /**
     * Runs one write: Jakarta Validation of {@code command}, then {@code draft} checks the command's own fields
     * into the same violations and gives the steps, all of which run in one transaction.
     */
    <C, R> R run(Viewer viewer, C command, BiFunction<C, Checks, Draft<R>> draft) {
        Objects.requireNonNull(viewer, "viewer");
        Checks checks = Checks.of(validator, command);
        if (command == null) {
            checks.throwIfAny();
        }
        Draft<R> steps = draft.apply(command, checks);
        checks.throwIfAny();
        return store.inTransaction(tx -> {
            Board board = steps.lookup(tx, viewer);
            Author author = steps.permit(tx, viewer);
            ContentFormat format = steps.format();
            ContentRenderer renderer = renderers.get(format);
            if (renderer == null) {
                throw new ValidationException(List.of(Violation.of("format", "unknown_format")));
            }
            Checks stored = new Checks();
            steps.check(tx, viewer, stored);
            Censoring censoring = new Censoring(censorPolicy.forBoard(board));
            String body = steps.censor(censoring, stored);
            stored.throwIfAny();
            if (steps.flooded()) {
                flood.check(tx, viewer, board);
            }
            String html = renderer.render(body);
            Instant now = clock.now();
            boolean moderator = access.isModerator(viewer, board);
            PostState newState = !moderator && board.moderation().holds(viewer)
                    ? PostState.PENDING : censoring.state(moderator);
            // analysed before the store step: that step takes the hot row lock, held to the commit
            Composed composed = new Composed(author, body, format, html, renderer.version(), now, newState,
                    censoring.state(moderator) == PostState.PENDING, search.bodyTerms(html));
            R written = steps.store(tx, composed);
            steps.index(tx, written, search, composed.bodyTerms());
            steps.credit(written).ifPresent(c -> credits.award(tx, board, author.id(), c.event(), c.post()));
            for (ForumEvent event : steps.events(written, composed)) {
                events.publish(tx, event);
            }
            return written;
        });
    }
}
