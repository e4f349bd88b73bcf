package org.forumkit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.forumkit.ForumSettings;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.PermissionDeniedException;
import org.forumkit.event.ForumEvent;
import org.forumkit.model.Action;
import org.forumkit.model.AuditAction;
import org.forumkit.model.Author;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.CreditEvent;
import org.forumkit.model.DenialReason;
import org.forumkit.model.EditPost;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.PostRevision;
import org.forumkit.model.PostState;
import org.forumkit.model.Quote;
import org.forumkit.model.QuoteRequest;
import org.forumkit.model.Reply;
import org.forumkit.model.Topic;
import org.forumkit.model.Viewer;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.IndexedTerm;
import org.forumkit.spi.store.NewPost;
import org.forumkit.spi.store.PostEdit;
import org.forumkit.spi.store.PostInTopic;
import org.forumkit.spi.store.StoreTransaction;
import org.forumkit.spi.store.TopicInBoard;
import org.forumkit.spi.store.WithBans;

/** Writing posts: replies with quotes, edits and their revisions, and reading one post. */
final class PostAuthoring {
    /** Previews per minute and node: a member typing and looking now and then stays far below. */
    static final int PREVIEWS_PER_MEMBER = 30;
    static final int PREVIEWS_ANONYMOUS = 300;
    private final ForumStore store;
    private final ForumSettings settings;
    private final AccessRules access;
    private final Standings standings;
    private final AuditTrail audit;
    private final ForumClock clock;
    private final WritePipeline pipeline;
    private final SearchThrottle previews;

    PostAuthoring(ForumStore store, ForumSettings settings, AccessRules access, Standings standings,
            AuditTrail audit, ForumClock clock, WritePipeline pipeline) {
        this.previews = new SearchThrottle(clock, PREVIEWS_PER_MEMBER, PREVIEWS_ANONYMOUS, "previews");
        this.store = store;
        this.settings = settings;
        this.access = access;
        this.standings = standings;
        this.audit = audit;
        this.clock = clock;
        this.pipeline = pipeline;
    }

    Post reply(Viewer viewer, Reply command) {
        return pipeline.run(viewer, command, ReplyDraft::new);
    }

    /**
     * A draft's html as a post of the board would have it, nothing stored: the body's checks, the viewer's right to
     * reply there, censoring and the renderer of a write, throttled per node like search.
     */
    String preview(Viewer viewer, BoardId boardId, String body, ContentFormat format) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(boardId, "boardId");
        Checks checks = new Checks();
        if (body == null) {
            checks.add("body", "required");
        }
        String text = checks.block("body", body, settings.maxBodyLength(), false);
        ContentFormat chosen = Objects.requireNonNullElse(format, ContentFormat.PLAIN);
        if (!pipeline.canRender(chosen)) {
            checks.add("format", "unknown_format");
        }
        checks.throwIfAny();
        Board board = store.readOnly(reader -> {
            Board found = reader.board(boardId).orElseThrow(() -> new NotFoundException(Kind.BOARD, boardId));
            access.require(viewer, Action.VIEW, found, Optional.empty());
            access.require(viewer, standings.read(reader, viewer, found), Action.REPLY, found, Optional.empty());
            return found;
        });
        previews.acquire(viewer);
        String html = pipeline.preview(board, chosen, text, checks);
        checks.throwIfAny();
        return html;
    }

    Post get(Viewer viewer, PostId id) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(id, "id");
        return store.readOnly(reader -> {
            PostInTopic target = reader.postInTopic(id).orElseThrow(() -> new NotFoundException(Kind.POST, id));
            access.requireVisible(viewer, target);
            return access.shown(viewer, target.board(), target.post())
                    .orElseThrow(() -> new NotFoundException(Kind.POST, id));
        });
    }

    Post edit(Viewer viewer, EditPost command) {
        return pipeline.run(viewer, command, EditDraft::new);
    }

    List<PostRevision> revisions(Viewer viewer, PostId id) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(id, "id");
        return store.readOnly(reader -> {
            access.requireAuthorOrModerator(viewer,
                    reader.postInTopic(id).orElseThrow(() -> new NotFoundException(Kind.POST, id)));
            return reader.revisions(id);
        });
    }

    /** A reply: its quotes become snapshots of the stored sources, never of text the client sent. */
    private final class ReplyDraft implements WritePipeline.Draft<Post> {
        private final Reply command;
        private final String body;
        private final ContentFormat format;
        /** The excerpt wanted from each quoted floor ({@code null}: the whole post), in the order asked. */
        private final Map<Integer, String> excerpts = new LinkedHashMap<>();
        private final List<Quote> snapshots = new ArrayList<>();
        private final List<Post> quoted = new ArrayList<>();
        private Topic topic;
        private Board board;
        private Standing standing;

        ReplyDraft(Reply command, Checks checks) {
            this.command = command;
            body = checks.block("body", command.body(), settings.maxBodyLength(), false);
            format = Objects.requireNonNullElse(command.format(), ContentFormat.PLAIN);
            if (!pipeline.canRender(format)) {
                checks.add("format", "unknown_format");
            }
            if (command.replyToFloor() != null && command.replyToFloor() < 1) {
                checks.add("replyToFloor", "out_of_range");
            }
            List<QuoteRequest> quotes = Objects.requireNonNullElse(command.quotes(), List.of());
            if (quotes.size() > settings.maxQuotesPerPost()) {
                checks.add("quotes", "too_many", settings.maxQuotesPerPost());
            }
            for (int i = 0; i < quotes.size(); i++) {
                QuoteRequest quote = quotes.get(i);
                if (quote == null) {
                    continue;
                }
                String excerpt = checks.block("quotes[" + i + "].excerpt", quote.excerpt(), settings.maxBodyLength(),
                        false);
                if (excerpts.containsKey(quote.floor())) {
                    checks.add("quotes[" + i + "].floor", "duplicate");
                }
                excerpts.put(quote.floor(), excerpt);
            }
        }

        @Override
        public Board lookup(StoreTransaction tx, Viewer viewer) {
            // the viewer's bans come with the topic: one read for both
            WithBans<TopicInBoard> found = tx.topicInBoard(command.topicId(), Standings.member(viewer), clock.now())
                    .orElseThrow(() -> new NotFoundException(Kind.TOPIC, command.topicId()));
            topic = found.found().topic();
            board = found.found().board();
            standing = standings.of(found.viewerBans());
            return board;
        }

        @Override
        public Author permit(StoreTransaction tx, Viewer viewer) {
            access.require(viewer, standing, Action.REPLY, board, Optional.of(topic));
            if (!excerpts.isEmpty()) {
                access.require(viewer, standing, Action.QUOTE, board, Optional.of(topic));
            }
            return access.author(viewer);
        }

        @Override
        public ContentFormat format() {
            return format;
        }

        @Override
        public void check(StoreTransaction tx, Viewer viewer, Checks stored) {
            // A store runs the whole transaction again after a conflict: the snapshots of a failed attempt go.
            snapshots.clear();
            quoted.clear();
            if (command.replyToFloor() != null && command.replyToFloor() > topic.highestFloor()) {
                stored.add("replyToFloor", "unknown_floor");
            }
            if (excerpts.isEmpty()) {
                return; // a reply without quotes (most): nothing to read
            }
            Map<Integer, Post> sources = new LinkedHashMap<>();
            tx.postsByFloors(topic.id(), excerpts.keySet()).forEach(post -> sources.put(post.floor(), post));
            int i = 0;
            for (Map.Entry<Integer, String> wanted : excerpts.entrySet()) {
                String field = "quotes[" + i++ + "]";
                Post source = sources.get(wanted.getKey());
                if (source == null) {
                    stored.add(field + ".floor", "unknown_floor");
                    continue;
                }
                // A pending floor of someone else reads as a missing one; a deleted floor is a known placeholder.
                if (source.state() != PostState.DELETED && !access.canSee(viewer, board, source)) {
                    stored.add(field + ".floor", "unknown_floor");
                    continue;
                }
                if (!access.canSee(viewer, board, source)) {
                    throw new PermissionDeniedException(DenialReason.NOT_ALLOWED,
                            "floor " + source.floor() + " cannot be quoted: it is deleted");
                }
                Quote quote = Quoting.snapshot(source, wanted.getValue(), settings.maxQuoteLength(), stored,
                        field + ".excerpt");
                if (quote != null) {
                    snapshots.add(quote);
                    quoted.add(source);
                }
            }
        }

        @Override
        public String censor(Censoring censoring, Checks stored) {
            return censoring.apply(stored, "body", body);
        }

        @Override
        public Post store(StoreTransaction tx, WritePipeline.Composed c) {
            // the terms with the post: a store may write both in one round trip under the topic row's lock
            return tx.appendReply(new NewPost(topic.id(), c.author(), c.now(), c.body(), c.format(), c.html(),
                    c.rendererVersion(), c.newState(), command.replyToFloor(), snapshots), c.bodyTerms());
        }

        @Override
        public void index(StoreTransaction tx, Post post, SearchIndexing search, List<IndexedTerm> bodyTerms) {
            // indexed by the store step, with the post (a reply has no title)
        }

        @Override
        public Optional<WritePipeline.Credit> credit(Post post) {
            return Optional.of(new WritePipeline.Credit(CreditEvent.REPLY, post.id()));
        }

        @Override
        public List<ForumEvent> events(Post post, WritePipeline.Composed c) {
            List<ForumEvent> events = new ArrayList<>();
            events.add(new ForumEvent.PostCreated(topic, post, c.now()));
            for (Post source : quoted) {
                events.add(new ForumEvent.PostQuoted(post, source, source.author(), c.now()));
            }
            return events;
        }
    }

    /** An edit by the author (within the board's edit window) or a moderator; the replaced text is kept. */
    private final class EditDraft implements WritePipeline.Draft<Post> {
        private final EditPost command;
        private final String body;
        private PostInTopic target;
        private boolean byAuthor;

        EditDraft(EditPost command, Checks checks) {
            this.command = command;
            body = checks.block("body", command.body(), settings.maxBodyLength(), false);
            if (command.format() != null && !pipeline.canRender(command.format())) {
                checks.add("format", "unknown_format");
            }
        }

        @Override
        public Board lookup(StoreTransaction tx, Viewer viewer) {
            target = tx.postInTopic(command.postId())
                    .orElseThrow(() -> new NotFoundException(Kind.POST, command.postId()));
            return target.board();
        }

        @Override
        public Author permit(StoreTransaction tx, Viewer viewer) {
            Author editor = access.requireAuthorOrModerator(viewer, target);
            Post post = target.post();
            boolean moderator = access.isModerator(viewer, target.board());
            byAuthor = access.isAuthor(viewer, post);
            if (post.state() == PostState.DELETED) {
                throw new PermissionDeniedException(DenialReason.NOT_ALLOWED, "post " + post.id() + " is deleted");
            }
            if (target.topic().locked() && !moderator) {
                throw new PermissionDeniedException(DenialReason.TOPIC_LOCKED, "topic " + target.topic().id());
            }
            if (!moderator && standings.read(tx, viewer, target.board()).forbids(Action.REPLY)) {
                throw new PermissionDeniedException(DenialReason.BANNED, "post " + post.id());
            }
            Duration window = target.board().moderation().authorEditWindow();
            if (!moderator && !window.isZero() && !clock.now().isBefore(post.createdAt().plus(window))) {
                throw new PermissionDeniedException(DenialReason.EDIT_WINDOW_CLOSED, "post " + post.id()
                        + " could be edited for " + window);
            }
            return editor;
        }

        @Override
        public ContentFormat format() {
            return Objects.requireNonNullElse(command.format(), target.post().format());
        }

        @Override
        public String censor(Censoring censoring, Checks stored) {
            return censoring.apply(stored, "body", body);
        }

        @Override
        public boolean flooded() {
            return false;
        }

        @Override
        public Post store(StoreTransaction tx, WritePipeline.Composed c) {
            PostId id = target.post().id();
            PostRevision replaced = tx.keepRevision(id, c.author(), c.now());
            Post edited = tx.editPost(id, new PostEdit(c.body(), c.format(), c.html(), c.rendererVersion(), c.now()));
            if (!byAuthor) {
                audit.record(tx, target, c.author(), AuditAction.POST_EDITED, replaced.revision(), edited.revision(),
                        null);
            }
            // A "moderate" word sends a visible post back for approval, as it would hold a new one.
            if (c.heldByCensor() && edited.state() == PostState.VISIBLE) {
                edited = tx.changePostState(edited.id(), PostState.PENDING);
            }
            return edited;
        }

        @Override
        public void index(StoreTransaction tx, Post edited, SearchIndexing search, List<IndexedTerm> bodyTerms) {
            search.replaced(tx, edited, edited.isOpening() ? Optional.of(target.topic().title()) : Optional.empty(),
                    bodyTerms);
        }

        @Override
        public List<ForumEvent> events(Post edited, WritePipeline.Composed c) {
            return List.of(new ForumEvent.PostEdited(edited, c.author(), c.now()));
        }
    }
}
