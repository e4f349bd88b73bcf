package org.forumkit.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.forumkit.ForumSettings;
import org.forumkit.imports.ImportAuthor;
import org.forumkit.imports.ImportBoard;
import org.forumkit.imports.ImportOptions;
import org.forumkit.imports.ImportPost;
import org.forumkit.imports.ImportThread;
import org.forumkit.imports.ImportVote;
import org.forumkit.model.Author;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.BoardKind;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.PostState;
import org.forumkit.model.Quote;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.UserId;
import org.forumkit.model.AccessPolicy;
import org.forumkit.spi.ContentRenderer;
import org.forumkit.spi.store.ImportKey;
import org.forumkit.spi.store.ImportKey.Kind;
import org.forumkit.spi.store.NewBoard;
import org.forumkit.spi.store.NewPost;
import org.forumkit.spi.store.NewTopic;
import org.forumkit.spi.store.StoreTransaction;

/**
 * Writes one source board or thread inside the caller's transaction, through the store's own primitives (insert
 * topic, append reply, cast vote, add views), so counters and floors are the store's and every invariant holds.
 * Records each new record in the import map and skips what is mapped already; never changes what exists.
 */
final class ImportWriter {
    /** The body of a floor the source left empty (a post it deleted for good), kept so later floors keep theirs. */
    static final String GAP_BODY = "";

    private final String system;
    private final ImportOptions options;
    private final Map<ContentFormat, ContentRenderer> renderers;
    private final ForumSettings settings;
    private final ImportText text;
    private final Instant now;
    private final SearchIndexing indexing;

    ImportWriter(String system, ImportOptions options, Map<ContentFormat, ContentRenderer> renderers,
            ForumSettings settings, ImportText text, Instant now, SearchIndexing indexing) {
        this.system = system;
        this.text = text;
        this.options = options;
        this.renderers = renderers;
        this.settings = settings;
        this.now = now;
        this.indexing = indexing;
    }

    private ImportKey key(Kind kind, String sourceId) {
        return new ImportKey(system, kind, sourceId);
    }

    void board(StoreTransaction tx, ImportBoard source, ImportTally tally) {
        ImportKey key = key(Kind.BOARD, source.sourceId());
        if (tx.importMap().target(key).isPresent()) {
            tally.existing(Kind.BOARD);
            return;
        }
        Optional<Board> same = tx.boardBySlug(source.slug());
        if (same.isPresent()) {
            tx.importMap().record(key, same.get().id().value(), now);
            tally.merged(Kind.BOARD, source.sourceId(), "existing_board", "into board '" + source.slug() + "'");
            return;
        }
        BoardId parent = null;
        if (source.parentSourceId() != null) {
            Optional<Long> mapped = tx.importMap().target(key(Kind.BOARD, source.parentSourceId()));
            if (mapped.isEmpty()) {
                tally.skipped(Kind.BOARD, source.sourceId(), "orphan", "parent board " + source.parentSourceId()
                        + " was not imported");
                return;
            }
            parent = BoardId.of(mapped.get());
        }
        Board board = tx.insertBoard(new NewBoard(parent, source.kind(), source.slug(), source.name(),
                source.description(), source.position(), Set.of(), source.topicTypes(), AccessPolicy.DEFAULT));
        tx.importMap().record(key, board.id().value(), now);
        tally.added(Kind.BOARD);
    }

    void thread(StoreTransaction tx, ImportThread source, ImportTally tally) {
        Optional<Board> board = board(tx, source);
        if (board.isEmpty() || board.get().kind() != BoardKind.BOARD) {
            tally.skipped(Kind.TOPIC, source.sourceId(), "no_board", source.boardSourceId() == null
                    ? "no target board given" : "board " + source.boardSourceId() + " was not imported");
            return;
        }
        new OneThread(tx, board.get(), source, tally).run();
    }

    private Optional<Board> board(StoreTransaction tx, ImportThread source) {
        Optional<BoardId> id = source.boardSourceId() == null
                ? Optional.ofNullable(options.board())
                : tx.importMap().target(key(Kind.BOARD, source.boardSourceId())).map(BoardId::of);
        return id.flatMap(tx::board);
    }

    /** The state of one thread's import: its topic once it exists, and the stored post of each source post. */
    private final class OneThread {
        private final StoreTransaction tx;
        private final Board board;
        private final ImportThread source;
        private final ImportTally tally;
        private final Map<String, Post> stored = new HashMap<>();
        private Topic topic;
        private ImportText.Result title;
        private boolean created;
        private int nextFloor = 1;

        OneThread(StoreTransaction tx, Board board, ImportThread source, ImportTally tally) {
            this.tx = tx;
            this.board = board;
            this.source = source;
            this.tally = tally;
        }

        void run() {
            ImportKey topicKey = key(Kind.TOPIC, source.sourceId());
            Optional<Long> mapped = tx.importMap().target(topicKey);
            if (mapped.isPresent()) {
                topic = tx.topic(TopicId.of(mapped.get())).orElse(null);
                tally.existing(Kind.TOPIC);
            } else if (source.externalKey() != null) {
                topic = tx.topicByExternalKey(board.id(), source.externalKey()).orElse(null);
                if (topic != null) {
                    tx.importMap().record(topicKey, topic.id().value(), now);
                    tally.merged(Kind.TOPIC, source.sourceId(), "existing_topic", "appended to topic " + topic.id()
                            + " of page '" + source.externalKey() + "'");
                }
            }
            if (topic != null) {
                nextFloor = topic.highestFloor() + 1;
            } else {
                title = text.title(board, rawTitle());
                title.notes().forEach(n -> tally.noted(Kind.TOPIC, source.sourceId(), n[0], n[1]));
            }
            Set<String> seen = new HashSet<>();
            for (ImportPost post : source.posts()) {
                if (!seen.add(post.sourceId())) {
                    tally.skipped(Kind.POST, post.sourceId(), "duplicate_id", "thread " + source.sourceId()
                            + " lists post " + post.sourceId() + " more than once: the first is kept");
                }
            }
            for (ImportPost post : parentsFirst(source.posts())) {
                post(post);
            }
            if (topic == null) {
                tally.skipped(Kind.TOPIC, source.sourceId(), "empty_thread", "no post to import");
                return;
            }
            if (created) {
                tx.importMap().record(topicKey, topic.id().value(), now);
                tally.added(Kind.TOPIC);
                if (source.pinLevel() != 0 || source.locked()) {
                    tx.updateTopicStatus(topic.id(), source.pinLevel(), source.locked());
                }
                if (source.views() > 0) {
                    tx.addViews(Map.of(topic.id(), source.views()));
                }
            }
        }

        private void post(ImportPost post) {
            ImportKey key = key(Kind.POST, post.sourceId());
            Optional<Post> existing = tx.importMap().target(key).flatMap(id -> tx.post(PostId.of(id)));
            if (existing.isPresent()) {
                if (topic == null) {
                    // a concurrent run committed this thread after our topic lookup (read committed): join it
                    topic = tx.topic(existing.get().topicId()).orElseThrow();
                    nextFloor = topic.highestFloor() + 1;
                    tally.existing(Kind.TOPIC);
                }
                stored.put(post.sourceId(), existing.get());
                tally.existing(Kind.POST);
                votes(existing.get(), post);
                return;
            }
            ContentRenderer renderer = renderers.get(post.format());
            if (renderer == null) {
                tally.skipped(Kind.POST, post.sourceId(), "unknown_format", "no renderer for " + post.format());
                return;
            }
            if (post.floor() != null && post.floor() < nextFloor) {
                tally.skipped(Kind.POST, post.sourceId(), "floor_taken", "floor " + post.floor() + " of thread "
                        + source.sourceId() + " holds a post already");
                return;
            }
            while (post.floor() != null && post.floor() > nextFloor) {
                tally.noted(Kind.POST, source.sourceId() + "#" + nextFloor, "gap_filled",
                        "floor " + nextFloor + " is missing in the source: kept as a deleted placeholder");
                insert(new NewPost(null, placeholderAuthor(), post.createdAt(), GAP_BODY, ContentFormat.PLAIN,
                        "", "import/gap", PostState.DELETED, null, List.of()), post.createdAt());
            }
            Integer replyTo = null;
            if (post.parentSourceId() != null) {
                Post parent = source(post.parentSourceId());
                if (parent == null) {
                    tally.noted(Kind.POST, post.sourceId(), "orphan", "parent " + post.parentSourceId()
                            + " not found: imported without it");
                } else {
                    replyTo = parent.floor();
                }
            }
            List<Quote> quotes = new ArrayList<>();
            for (String quoted : post.quotedSourceIds()) {
                Post q = source(quoted);
                // a deleted source is not quoted: the snapshot would make its text public again
                if (q != null && q.state() == PostState.VISIBLE && quotes.size() < settings.maxQuotesPerPost()) {
                    quotes.add(snapshot(q, post, quoted));
                }
            }
            ImportText.Result body = text.body(board, post.body());
            body.notes().forEach(n -> tally.noted(Kind.POST, post.sourceId(), n[0], n[1]));
            boolean held = body.held() || (topic == null && title != null && title.held());
            PostState state = held && post.state() == PostState.VISIBLE ? PostState.PENDING : post.state();
            Author author = options.authors().author(system, post.author());
            Post inserted = insert(new NewPost(null, author, post.createdAt(), body.text(), post.format(),
                    renderer.render(body.text()), renderer.version(), state, replyTo, quotes), post.createdAt());
            tx.importMap().record(key, inserted.id().value(), now);
            stored.put(post.sourceId(), inserted);
            tally.added(Kind.POST);
            votes(inserted, post);
        }

        /** The part of {@code q} that {@code post} quotes, when the source says which and it is there; else all of it. */
        private Quote snapshot(Post q, ImportPost post, String quoted) {
            String excerpt = post.quoteExcerpts().get(quoted);
            if (excerpt != null) {
                // Discuz! cuts a quote and ends it with "..."; the part before it is still the source's text
                for (String wanted : new String[] {excerpt, excerpt.strip().replaceAll("(\\.\\.\\.|…)+$", "")}) {
                    Quote part = TextRules.isBlank(wanted) ? null
                            : Quoting.snapshot(q, wanted, settings.maxQuoteLength(), new Checks(), "quotes");
                    if (part != null) {
                        return part;
                    }
                }
                tally.noted(Kind.POST, post.sourceId(), "quote_not_found", "the text quoted from post " + quoted
                        + " is not in it (edited since?): the whole post is quoted");
            }
            return Quoting.snapshot(q, null, settings.maxQuoteLength(), new Checks(), "quotes");
        }

        private Post insert(NewPost post, Instant at) {
            Post inserted;
            if (topic == null) {
                var started = tx.insertTopic(new NewTopic(board.id(), title(), type(), post.author(), at,
                        source.externalKey()), post);
                topic = started.topic();
                created = true;
                inserted = started.openingPost();
                // searchable at once, in the same transaction, as a post written through the forum is
                indexing.added(tx, inserted, Optional.of(topic.title()));
            } else {
                inserted = tx.appendReply(new NewPost(topic.id(), post.author(), post.createdAt(), post.body(),
                        post.format(), post.html(), post.renderer(), post.state(), post.replyToFloor(), post.quotes()));
                indexing.added(tx, inserted, Optional.empty());
            }
            nextFloor = inserted.floor() + 1;
            return inserted;
        }

        /** A post of this thread imported now or before; {@code null} when it is in neither. */
        private Post source(String sourceId) {
            Post post = stored.get(sourceId);
            if (post == null) {
                post = tx.importMap().target(key(Kind.POST, sourceId)).flatMap(id -> tx.post(PostId.of(id)))
                        .filter(p -> topic != null && p.topicId().equals(topic.id())).orElse(null);
            }
            return post;
        }

        private void votes(Post post, ImportPost source) {
            for (ImportVote vote : source.votes()) {
                ImportKey key = key(Kind.VOTE, source.sourceId() + "/" + vote.voter().sourceId());
                UserId voter = options.authors().author(system, vote.voter()).id();
                // a vote the user changed in the forum since stays as they left it
                if (tx.importMap().target(key).isPresent() || tx.vote(post.id(), voter).isPresent()) {
                    tally.existing(Kind.VOTE);
                    continue;
                }
                tx.castVote(post.id(), voter, vote.kind());
                tx.importMap().record(key, post.id().value(), now);
                tally.added(Kind.VOTE);
            }
        }

        private String rawTitle() {
            return source.title().isBlank()
                    ? (source.externalKey() != null ? source.externalKey() : source.sourceId()) : source.title();
        }

        private String title() {
            return title.text().isEmpty() ? source.sourceId() : title.text();
        }

        private String type() {
            return source.type() != null && board.topicTypes().contains(source.type()) ? source.type() : null;
        }

        private Author placeholderAuthor() {
            return options.authors().author(system, new ImportAuthor("deleted", ""));
        }
    }

    /**
     * The posts in the order to write them: those with a source floor by floor, then the rest by time; a post
     * without a floor comes after its parent even when the source dates it earlier.
     */
    static List<ImportPost> parentsFirst(List<ImportPost> posts) {
        List<ImportPost> sorted = new ArrayList<>(posts);
        sorted.sort(Comparator.comparing((ImportPost p) -> p.floor() == null)
                .thenComparing(p -> p.floor() == null ? 0 : p.floor())
                .thenComparing(ImportPost::createdAt)
                .thenComparing(ImportPost::sourceId));
        Map<String, ImportPost> byId = new LinkedHashMap<>();
        sorted.forEach(p -> byId.putIfAbsent(p.sourceId(), p));
        List<ImportPost> out = new ArrayList<>(sorted.size());
        Set<String> placed = new HashSet<>();
        for (ImportPost post : byId.values()) {
            place(post, byId, placed, new HashSet<>(), out);
        }
        return out;
    }

    private static void place(ImportPost post, Map<String, ImportPost> byId, Set<String> placed, Set<String> visiting,
            List<ImportPost> out) {
        if (placed.contains(post.sourceId()) || !visiting.add(post.sourceId())) {
            return;
        }
        ImportPost parent = post.parentSourceId() == null ? null : byId.get(post.parentSourceId());
        if (parent != null && post.floor() == null) {
            place(parent, byId, placed, visiting, out);
        }
        placed.add(post.sourceId());
        out.add(post);
    }
}
