package org.forumkit.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.forumkit.ForumSettings;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.PermissionDeniedException;
import org.forumkit.Topics;
import org.forumkit.ValidationException;
import org.forumkit.Violation;
import org.forumkit.event.ForumEvent;
import org.forumkit.model.Action;
import org.forumkit.model.AuditAction;
import org.forumkit.model.Author;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.BoardKind;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.CreditEvent;
import org.forumkit.model.DenialReason;
import org.forumkit.model.LastPost;
import org.forumkit.model.MostSupportedPage;
import org.forumkit.model.MostSupportedRequest;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.Quote;
import org.forumkit.model.SourceState;
import org.forumkit.model.StartTopic;
import org.forumkit.model.SupportCursor;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.TopicPage;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.Viewer;
import org.forumkit.model.VoteKind;
import org.forumkit.spi.store.DuplicateKeyException;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.IndexedTerm;
import org.forumkit.spi.store.MovedTopic;
import org.forumkit.spi.store.NewPost;
import org.forumkit.spi.store.NewTopic;
import org.forumkit.spi.store.StartedTopic;
import org.forumkit.spi.store.StoreTransaction;
import org.forumkit.spi.store.StoredTopicPage;
import org.forumkit.spi.store.TopicInBoard;

final class TopicsService implements Topics {
    static final int MAX_EXTERNAL_KEY = 255;
    static final int MAX_PIN_LEVEL = 3;

    private final ForumStore store;
    private final ForumSettings settings;
    private final AccessRules access;
    private final Standings standings;
    private final AuditTrail audit;
    private final Paging paging;
    private final WritePipeline pipeline;

    TopicsService(ForumStore store, ForumSettings settings, AccessRules access, Standings standings,
            AuditTrail audit, Paging paging, WritePipeline pipeline) {
        this.store = store;
        this.settings = settings;
        this.access = access;
        this.standings = standings;
        this.audit = audit;
        this.paging = paging;
        this.pipeline = pipeline;
    }

    @Override
    public Topic start(Viewer viewer, StartTopic command) {
        return pipeline.run(viewer, command, TopicDraft::new).topic();
    }

    /** A new topic and its opening post. */
    private final class TopicDraft implements WritePipeline.Draft<StartedTopic> {
        private final StartTopic command;
        private final String title;
        private final String type;
        private final String body;
        private final String externalKey;
        private final ContentFormat format;
        private Board board;
        private String censoredTitle;

        TopicDraft(StartTopic command, Checks checks) {
            this.command = command;
            title = checks.line("title", command.title(), settings.maxTitleLength());
            type = checks.line("type", command.type(), settings.maxNameLength());
            body = checks.block("body", command.body(), settings.maxBodyLength(), false);
            externalKey = checks.line("externalKey", command.externalKey(), MAX_EXTERNAL_KEY);
            format = Objects.requireNonNullElse(command.format(), ContentFormat.PLAIN);
            if (!pipeline.canRender(format)) {
                checks.add("format", "unknown_format");
            }
        }

        @Override
        public Board lookup(StoreTransaction tx, Viewer viewer) {
            board = tx.board(command.boardId()).orElseThrow(() -> new NotFoundException(Kind.BOARD, command.boardId()));
            return board;
        }

        @Override
        public Author permit(StoreTransaction tx, Viewer viewer) {
            access.require(viewer, standings.read(tx, viewer, board), Action.START_TOPIC, board, Optional.empty());
            return access.author(viewer);
        }

        @Override
        public ContentFormat format() {
            return format;
        }

        @Override
        public void check(StoreTransaction tx, Viewer viewer, Checks stored) {
            if (type != null && !board.topicTypes().contains(type)) {
                stored.add("type", "unknown_type", board.topicTypes());
            }
            if (externalKey != null && tx.topicByExternalKey(board.id(), externalKey).isPresent()) {
                stored.add("externalKey", "key_taken");
            }
        }

        @Override
        public String censor(Censoring censoring, Checks stored) {
            censoredTitle = censoring.apply(stored, "title", title);
            return censoring.apply(stored, "body", body);
        }

        @Override
        public StartedTopic store(StoreTransaction tx, WritePipeline.Composed c) {
            return tx.insertTopic(new NewTopic(board.id(), censoredTitle, type, c.author(), c.now(), externalKey),
                    new NewPost(null, c.author(), c.now(), c.body(), c.format(), c.html(), c.rendererVersion(),
                            c.newState(), null, List.of()));
        }

        @Override
        public void index(StoreTransaction tx, StartedTopic started, SearchIndexing search,
                List<IndexedTerm> bodyTerms) {
            search.added(tx, started.openingPost(), Optional.of(started.topic().title()), bodyTerms);
        }

        @Override
        public Optional<WritePipeline.Credit> credit(StartedTopic started) {
            return Optional.of(new WritePipeline.Credit(CreditEvent.START_TOPIC, started.openingPost().id()));
        }

        @Override
        public List<ForumEvent> events(StartedTopic started, WritePipeline.Composed c) {
            return List.of(new ForumEvent.TopicStarted(started.topic(), started.openingPost(), c.now()));
        }
    }

    @Override
    public Topic get(Viewer viewer, TopicId id) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(id, "id");
        return store.readOnly(reader -> {
            TopicInBoard found = reader.topicInBoard(id).orElseThrow(() -> new NotFoundException(Kind.TOPIC, id));
            access.require(viewer, Action.VIEW, found.board(), Optional.of(found.topic()));
            return found.topic();
        });
    }

    @Override
    public Optional<Topic> byExternalKey(Viewer viewer, BoardId boardId, String externalKey) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(boardId, "boardId");
        Objects.requireNonNull(externalKey, "externalKey");
        return store.readOnly(reader -> {
            Board board = reader.board(boardId).orElseThrow(() -> new NotFoundException(Kind.BOARD, boardId));
            access.require(viewer, Action.VIEW, board, Optional.empty());
            return reader.topicByExternalKey(boardId, TextRules.line(externalKey));
        });
    }

    @Override
    public Topic lock(Viewer viewer, TopicId id, boolean locked) {
        return moderate(viewer, id, null, locked);
    }

    @Override
    public Topic pin(Viewer viewer, TopicId id, int level) {
        if (level < 0 || level > MAX_PIN_LEVEL) {
            throw new ValidationException(List.of(Violation.of("level", "out_of_range")));
        }
        return moderate(viewer, id, level, null);
    }

    @Override
    public Topic move(Viewer viewer, TopicId id, BoardId to, String reason) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(to, "to");
        String why = Reasons.require(reason);
        return store.inTransaction(tx -> {
            TopicInBoard found = tx.topicInBoard(id).orElseThrow(() -> new NotFoundException(Kind.TOPIC, id));
            Board target = tx.board(to).orElseThrow(() -> new NotFoundException(Kind.BOARD, to));
            if (!access.isModerator(viewer, found.board())) {
                access.requireVisible(viewer, found.board(), Optional.of(found.topic()));
            }
            if (!access.isModerator(viewer, target)) {
                access.requireVisible(viewer, target, Optional.empty());
            }
            Author by = access.author(viewer);
            if (!access.isModerator(viewer, found.board()) || !access.isModerator(viewer, target)) {
                throw new PermissionDeniedException(DenialReason.NOT_ALLOWED,
                        "only moderators of both boards move a topic");
            }
            if (target.kind() == BoardKind.CATEGORY) {
                throw new ValidationException(List.of(Violation.of("to", "not_a_board")));
            }
            if (target.id().equals(found.board().id())) {
                return found.topic();
            }
            MovedTopic moved;
            try {
                moved = tx.moveTopic(id, to);
            } catch (DuplicateKeyException e) {
                throw new ValidationException(List.of(Violation.of("externalKey", "key_taken")));
            }
            if (!moved.from().equals(to)) {
                followLastPosts(tx, id, moved.from(), to);
            }
            audit.record(tx, found.board().id(), by, AuditAction.TOPIC_MOVED, id, null, found.topic().author().id(),
                    found.board().id(), to, why);
            audit.record(tx, to, by, AuditAction.TOPIC_MOVED, id, null, found.topic().author().id(),
                    found.board().id(), to, why);
            return moved.topic();
        });
    }

    /**
     * The last-post rule of a move, run while the store holds the topic's and both boards' row locks: a source
     * board whose last post was in the topic gets the newest visible post of its most recently active remaining
     * topic, and the target takes the topic's newest visible post when it is newer than its own.
     */
    private static void followLastPosts(StoreTransaction tx, TopicId topic, BoardId from, BoardId to) {
        Board source = tx.board(from).orElseThrow();
        Board target = tx.board(to).orElseThrow();
        if (source.lastPost() != null && source.lastPost().topicId().equals(topic)) {
            tx.setBoardLastPost(from, tx.mostRecentlyActiveTopic(from).flatMap(t -> tx.newestVisiblePost(t.id())));
        }
        Optional<LastPost> newest = tx.newestVisiblePost(topic);
        if (newest.isPresent() && (target.lastPost() == null || newest.get().at().isAfter(target.lastPost().at()))) {
            tx.setBoardLastPost(to, newest);
        }
    }

    /** Sets what is not {@code null} of pin level and lock. */
    private Topic moderate(Viewer viewer, TopicId id, Integer pinLevel, Boolean locked) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(id, "id");
        return store.inTransaction(tx -> {
            TopicInBoard found = tx.topicInBoard(id).orElseThrow(() -> new NotFoundException(Kind.TOPIC, id));
            Topic topic = found.topic();
            Board board = found.board();
            if (!access.isModerator(viewer, board)) {
                access.requireVisible(viewer, board, Optional.of(topic));
            }
            Author by = access.author(viewer);
            if (!access.isModerator(viewer, board)) {
                throw new PermissionDeniedException(DenialReason.NOT_ALLOWED, "only moderators lock and pin topics");
            }
            Topic updated = tx.updateTopicStatus(id, pinLevel == null ? topic.pinLevel() : pinLevel,
                    locked == null ? topic.locked() : locked);
            if (updated.locked() != topic.locked()) {
                audit.record(tx, board.id(), by, updated.locked() ? AuditAction.TOPIC_LOCKED : AuditAction.TOPIC_UNLOCKED,
                        id, null, topic.author().id(), null, null, null);
            }
            if (updated.pinLevel() != topic.pinLevel()) {
                audit.record(tx, board.id(), by, AuditAction.TOPIC_PINNED, id, null, topic.author().id(),
                        topic.pinLevel(), updated.pinLevel(), null);
            }
            return updated;
        });
    }

    @Override
    public TopicPage page(Viewer viewer, TopicId id, TopicPageRequest request) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(request, "request");
        paging.requireSize(request.size());
        // With an author filter the floors are not contiguous: read one more to know whether a next page exists.
        TopicPageRequest read = request.optionalOnlyAuthor().isPresent()
                ? new TopicPageRequest(request.fromFloor(), request.size() + 1, request.onlyAuthor())
                : request;
        // The viewer's bans come with the page (no extra query), so the page announces BANNED.
        StoredTopicPage stored = store.topicPage(id, read, viewer.userId())
                .orElseThrow(() -> new NotFoundException(Kind.TOPIC, id));
        Standing standing = standings.of(stored.viewerBans());
        Board board = stored.board();
        Topic topic = stored.topic();
        access.require(viewer, Action.VIEW, board, Optional.of(topic));

        List<Post> posts = new ArrayList<>();
        Map<PostId, SourceState> sources = new HashMap<>();
        for (Post post : stored.posts().subList(0, Math.min(request.size(), stored.posts().size()))) {
            // A placeholder has no quotes: only the sources of posts the viewer sees come along.
            access.shown(viewer, board, post).ifPresent(shown -> {
                posts.add(shown);
                for (Quote quote : shown.quotes()) {
                    SourceState source = stored.quoteSources().get(quote.sourcePostId());
                    if (source != null) {
                        sources.put(quote.sourcePostId(), source);
                    }
                }
            });
        }
        Integer next;
        if (request.optionalOnlyAuthor().isPresent()) {
            next = stored.posts().size() > request.size() ? stored.posts().get(request.size()).floor() : null;
        } else {
            long following = (long) request.fromFloor() + request.size();
            next = following <= topic.highestFloor() ? (int) following : null;
        }
        return new TopicPage(topic, board, posts, stored.viewerVotes(), sources,
                access.permissions(viewer, standing, board, Optional.of(topic)), request, next);
    }

    @Override
    public MostSupportedPage mostSupported(Viewer viewer, TopicId id, MostSupportedRequest request) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(request, "request");
        paging.requireSize(request.size());
        // One more post than asked for tells whether a next page exists; the cursor is the last post read, shown or
        // not, so a page of posts this viewer may not see still moves on.
        StoredTopicPage stored = store.readOnly(reader -> reader.mostSupported(id, request.withSize(request.size() + 1),
                        viewer.userId()))
                .orElseThrow(() -> new NotFoundException(Kind.TOPIC, id));
        Standing standing = standings.of(stored.viewerBans());
        Board board = stored.board();
        Topic topic = stored.topic();
        access.require(viewer, Action.VIEW, board, Optional.of(topic));
        List<Post> read = stored.posts().subList(0, Math.min(request.size(), stored.posts().size()));
        List<Post> posts = new ArrayList<>();
        Map<PostId, SourceState> sources = new HashMap<>();
        for (Post post : read) {
            if (access.canSee(viewer, board, post)) {
                posts.add(post);
                for (Quote quote : post.quotes()) {
                    SourceState source = stored.quoteSources().get(quote.sourcePostId());
                    if (source != null) {
                        sources.put(quote.sourcePostId(), source);
                    }
                }
            }
        }
        SupportCursor next = stored.posts().size() > request.size() ? SupportCursor.after(read.get(read.size() - 1))
                : null;
        Map<PostId, VoteKind> votes = new HashMap<>(stored.viewerVotes());
        votes.keySet().retainAll(posts.stream().map(Post::id).toList());
        TopicPageRequest shape = new TopicPageRequest(1, request.size(), request.onlyAuthor());
        TopicPage page = new TopicPage(topic, board, posts, votes, sources,
                access.permissions(viewer, standing, board, Optional.of(topic)), shape, null);
        return new MostSupportedPage(page, next);
    }

}
