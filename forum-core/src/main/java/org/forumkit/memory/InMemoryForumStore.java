package org.forumkit.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.model.AuditEntry;
import org.forumkit.model.AuditId;
import org.forumkit.model.Author;
import org.forumkit.model.Ban;
import org.forumkit.model.BanId;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.BoardModeration;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.CreditEntry;
import org.forumkit.model.CreditEntryId;
import org.forumkit.model.CreditEvent;
import org.forumkit.model.LastPost;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.PostRevision;
import org.forumkit.model.PostState;
import org.forumkit.model.Quote;
import org.forumkit.model.Report;
import org.forumkit.model.ReportId;
import org.forumkit.model.Resolution;
import org.forumkit.model.SourceState;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicCursor;
import org.forumkit.model.TopicId;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.UserId;
import org.forumkit.model.VoteChange;
import org.forumkit.model.VoteKind;
import org.forumkit.spi.store.AuditFilter;
import org.forumkit.spi.store.DuplicateKeyException;
import org.forumkit.spi.store.FiledReport;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.NewAuditEntry;
import org.forumkit.spi.store.NewBan;
import org.forumkit.spi.store.NewBoard;
import org.forumkit.spi.store.NewCreditEntry;
import org.forumkit.spi.store.NewPost;
import org.forumkit.spi.store.NewReport;
import org.forumkit.spi.store.NewTopic;
import org.forumkit.spi.store.PostingWindow;
import org.forumkit.spi.store.PostEdit;
import org.forumkit.spi.store.StartedTopic;
import org.forumkit.spi.store.StoreTransaction;
import org.forumkit.spi.store.StoredTopicPage;

/**
 * A thread-safe store that keeps everything in memory, with the semantics of a database: transactions are
 * serializable (one writer at a time, readers share), a failed transaction is rolled back through an undo
 * log, unique keys are enforced and only immutable values go in and out. It is the reference store for the
 * contract kit, tests and quick starts; its data is lost with the JVM.
 */
public final class InMemoryForumStore implements ForumStore {

    private static final Comparator<Topic> LISTING_ORDER = Comparator
            .comparingInt(Topic::pinLevel).reversed()
            .thenComparing(Topic::lastPostAt, Comparator.reverseOrder())
            .thenComparing(Topic::id, Comparator.reverseOrder());

    private static final Author PROBE = new Author(UserId.of("-"), "-");

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final ThreadLocal<Session> current = new ThreadLocal<>();

    private long lastBoardId;
    private long lastTopicId;
    private long lastPostId;
    private final Map<BoardId, Board> boards = new HashMap<>();
    private final Map<String, BoardId> boardsBySlug = new HashMap<>();
    private final Map<TopicId, Topic> topics = new HashMap<>();
    private final Map<ExternalKey, TopicId> topicsByKey = new HashMap<>();
    private final Map<BoardId, TreeSet<Topic>> listings = new HashMap<>();
    private final Map<PostId, Post> posts = new HashMap<>();
    /** Post ids of a topic by floor: index 0 holds floor 1. */
    private final Map<TopicId, List<PostId>> floors = new HashMap<>();
    private final Map<TopicId, Map<UserId, NavigableMap<Integer, PostId>>> floorsByAuthor = new HashMap<>();
    private final Map<PostId, Map<UserId, VoteKind>> votes = new HashMap<>();
    private final List<AuditEntry> audit = new ArrayList<>();
    private final Map<BanId, Ban> bans = new HashMap<>();
    private final Map<PostingKey, PostingWindow> postingWindows = new HashMap<>();
    private final Map<PostId, TreeMap<Integer, PostRevision>> revisions = new HashMap<>();
    private final Map<UserId, Long> creditBalances = new HashMap<>();
    private final List<CreditEntry> credits = new ArrayList<>();
    private long lastReportId;
    private final Map<ReportId, Report> reports = new HashMap<>();
    /** The one open report of each (post, reporter): the unique key a database keeps. */
    private final Map<OpenReportKey, ReportId> openReports = new HashMap<>();

    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
        Objects.requireNonNull(work, "work");
        Session joined = current.get();
        if (joined != null) {
            if (!joined.writable) {
                throw new IllegalStateException("cannot open a read-write transaction inside a read-only one");
            }
            return work.run(joined);
        }
        lock.writeLock().lock();
        Session session = new Session(true);
        current.set(session);
        T result;
        try {
            result = work.run(session);
        } catch (RuntimeException | Error e) {
            session.rollback();
            throw e;
        } finally {
            current.remove();
            lock.writeLock().unlock();
        }
        session.committed();
        return result;
    }

    @Override
    public <T> T readOnly(ReadWork<T> work) {
        Objects.requireNonNull(work, "work");
        Session joined = current.get();
        if (joined != null) {
            return work.run(joined);
        }
        lock.readLock().lock();
        Session session = new Session(false);
        current.set(session);
        try {
            return work.run(session);
        } finally {
            current.remove();
            lock.readLock().unlock();
        }
    }

    private record ExternalKey(BoardId board, String key) {
    }

    private record OpenReportKey(PostId post, UserId reporter) {
    }

    private record PostingKey(UserId user, BoardId board) {
    }

    /** One transaction: reads see the store as it is; writes record how to undo themselves. */
    private final class Session implements StoreTransaction {
        private final boolean writable;
        private final List<Runnable> undo = new ArrayList<>();
        private final List<Runnable> afterCommit = new ArrayList<>();

        Session(boolean writable) {
            this.writable = writable;
        }

        void rollback() {
            for (int i = undo.size() - 1; i >= 0; i--) {
                undo.get(i).run();
            }
        }

        void committed() {
            afterCommit.forEach(Runnable::run);
        }

        private void checkWritable() {
            if (!writable) {
                throw new IllegalStateException("this transaction is read-only");
            }
        }

        /** Sets (or, for a {@code null} value, removes) an entry and records how to undo it. */
        private <K, V> void put(Map<K, V> map, K key, V value) {
            V before = value == null ? map.remove(key) : map.put(key, value);
            undo.add(() -> {
                if (before == null) {
                    map.remove(key);
                } else {
                    map.put(key, before);
                }
            });
        }

        private <K, V> V child(Map<K, V> map, K key, Supplier<V> empty) {
            V existing = map.get(key);
            if (existing != null) {
                return existing;
            }
            V created = empty.get();
            put(map, key, created);
            return created;
        }

        private void replaceTopic(Topic before, Topic after) {
            put(topics, after.id(), after);
            TreeSet<Topic> listing = listings.get(after.boardId());
            listing.remove(before);
            listing.add(after);
            undo.add(() -> {
                listing.remove(after);
                listing.add(before);
            });
        }

        // ---- reads ----

        @Override
        public Optional<Board> board(BoardId id) {
            return Optional.ofNullable(boards.get(id));
        }

        @Override
        public Optional<Board> boardBySlug(String slug) {
            return Optional.ofNullable(boardsBySlug.get(slug)).map(boards::get);
        }

        @Override
        public List<Board> boards() {
            return boards.values().stream()
                    .sorted(Comparator.comparingInt(Board::position).thenComparing(Board::id))
                    .toList();
        }

        @Override
        public Optional<Topic> topic(TopicId id) {
            return Optional.ofNullable(topics.get(id));
        }

        @Override
        public Optional<Topic> topicByExternalKey(BoardId board, String externalKey) {
            return Optional.ofNullable(topicsByKey.get(new ExternalKey(board, externalKey))).map(topics::get);
        }

        @Override
        public Optional<Post> post(PostId id) {
            return Optional.ofNullable(posts.get(id));
        }

        @Override
        public List<Post> postsByFloors(TopicId topic, Collection<Integer> wanted) {
            List<PostId> ids = floors.getOrDefault(topic, List.of());
            return wanted.stream().distinct().sorted()
                    .filter(floor -> floor >= 1 && floor <= ids.size())
                    .map(floor -> posts.get(ids.get(floor - 1)))
                    .toList();
        }

        @Override
        public Optional<StoredTopicPage> topicPage(TopicId topicId, TopicPageRequest request, Optional<UserId> viewer) {
            Topic topic = topics.get(topicId);
            if (topic == null) {
                return Optional.empty();
            }
            List<Post> page = new ArrayList<>();
            if (request.optionalOnlyAuthor().isPresent()) {
                NavigableMap<Integer, PostId> own = floorsByAuthor.getOrDefault(topicId, Map.of())
                        .getOrDefault(request.onlyAuthor(), new TreeMap<>());
                for (PostId id : own.tailMap(request.fromFloor(), true).values()) {
                    if (page.size() == request.size()) {
                        break;
                    }
                    page.add(posts.get(id));
                }
            } else {
                List<PostId> ids = floors.get(topicId);
                int end = (int) Math.min(ids.size(), (long) request.fromFloor() - 1 + request.size());
                for (int floor = request.fromFloor(); floor <= end; floor++) {
                    page.add(posts.get(ids.get(floor - 1)));
                }
            }
            Map<PostId, VoteKind> myVotes = new HashMap<>();
            Map<PostId, SourceState> sources = new HashMap<>();
            for (Post post : page) {
                viewer.map(votes.getOrDefault(post.id(), Map.of())::get).ifPresent(v -> myVotes.put(post.id(), v));
                for (Quote quote : post.quotes()) {
                    Post source = posts.get(quote.sourcePostId());
                    if (source != null) {
                        sources.put(source.id(), new SourceState(source.revision(), source.state()));
                    }
                }
            }
            List<Ban> viewerBans = viewer.map(user -> bans.values().stream()
                    .filter(b -> b.user().equals(user) && b.liftedAt() == null
                            && (b.boardId() == null || b.boardId().equals(topic.boardId())))
                    .sorted(Comparator.comparing(Ban::id)).toList()).orElse(List.of());
            return Optional.of(new StoredTopicPage(boards.get(topic.boardId()), topic, page, myVotes, sources,
                    viewerBans));
        }

        @Override
        public List<Topic> topics(BoardId board, Optional<TopicCursor> after, int limit) {
            TreeSet<Topic> listing = listings.get(board);
            if (listing == null) {
                return List.of();
            }
            // A probe topic at the cursor's position: the listing is ordered by exactly these three fields.
            var rest = after.map(c -> listing.tailSet(new Topic(c.topicId(), board, "-", null, PROBE, Instant.EPOCH,
                    c.pinLevel(), false, null, 0, 0, 1, c.lastPostAt(), PROBE), false)).orElse(listing);
            return rest.stream().limit(limit).toList();
        }

        @Override
        public Optional<VoteKind> vote(PostId post, UserId voter) {
            return Optional.ofNullable(votes.getOrDefault(post, Map.of()).get(voter));
        }

        @Override
        public Map<UserId, VoteKind> votes(PostId post) {
            return Map.copyOf(votes.getOrDefault(post, Map.of()));
        }

        @Override
        public List<Post> pendingPosts(BoardId board, Optional<PostId> after, int limit) {
            return pending(board).filter(p -> after.map(a -> p.id().compareTo(a) > 0).orElse(true))
                    .limit(limit).toList();
        }

        @Override
        public long pendingPostCount(BoardId board) {
            return pending(board).count();
        }

        private java.util.stream.Stream<Post> pending(BoardId board) {
            return posts.values().stream()
                    .filter(p -> p.state() == PostState.PENDING && topics.get(p.topicId()).boardId().equals(board))
                    .sorted(Comparator.comparing(Post::id));
        }

        @Override
        public Optional<Report> report(ReportId id) {
            return Optional.ofNullable(reports.get(id));
        }

        @Override
        public List<Report> openReports(BoardId board, Optional<ReportId> after, int limit) {
            return openOf(board).filter(r -> after.map(a -> r.id().compareTo(a) > 0).orElse(true)).limit(limit).toList();
        }

        @Override
        public long openReportCount(BoardId board) {
            return openOf(board).count();
        }

        private java.util.stream.Stream<Report> openOf(BoardId board) {
            return openReports.values().stream().map(reports::get).filter(r -> r.boardId().equals(board))
                    .sorted(Comparator.comparing(Report::id));
        }

        @Override
        public Map<PostId, Long> openReportersByPost(Collection<PostId> wanted) {
            Map<PostId, Long> counts = new HashMap<>();
            for (OpenReportKey key : openReports.keySet()) {
                if (wanted.contains(key.post())) {
                    counts.merge(key.post(), 1L, Long::sum);
                }
            }
            return counts;
        }

        @Override
        public long creditBalance(UserId user) {
            return creditBalances.getOrDefault(user, 0L);
        }

        @Override
        public List<CreditEntry> creditEntries(UserId user, Optional<CreditEntryId> before, int limit) {
            List<CreditEntry> out = new ArrayList<>();
            for (int i = credits.size() - 1; i >= 0 && out.size() < limit; i--) {
                CreditEntry e = credits.get(i);
                if (e.user().equals(user) && before.map(b -> e.id().compareTo(b) < 0).orElse(true)) {
                    out.add(e);
                }
            }
            return out;
        }

        @Override
        public long creditCount(UserId user, BoardId board, CreditEvent event, String cycleKey) {
            return credits.stream().filter(e -> e.user().equals(user) && e.boardId().equals(board)
                    && e.event() == event && e.cycleKey().equals(cycleKey)).count();
        }

        @Override
        public List<PostRevision> revisions(PostId post) {
            return List.copyOf(revisions.getOrDefault(post, new TreeMap<>()).values());
        }

        @Override
        public Optional<Ban> ban(BanId id) {
            return Optional.ofNullable(bans.get(id));
        }

        @Override
        public List<Ban> activeBans(UserId user, Optional<BoardId> board, Instant now) {
            return bans.values().stream()
                    .filter(b -> b.user().equals(user) && b.isActiveAt(now)
                            && board.map(id -> b.boardId() == null || b.boardId().equals(id)).orElse(true))
                    .sorted(Comparator.comparing(Ban::id)).toList();
        }

        @Override
        public List<AuditEntry> auditEntries(AuditFilter filter, Optional<AuditId> before, int limit) {
            List<AuditEntry> out = new ArrayList<>();
            for (int i = audit.size() - 1; i >= 0 && out.size() < limit; i--) {
                AuditEntry e = audit.get(i);
                if (before.map(b -> e.id().compareTo(b) < 0).orElse(true)
                        && filter.board().map(b -> b.equals(e.boardId())).orElse(true)
                        && filter.actor().map(a -> a.equals(e.actor().id())).orElse(true)
                        && filter.subject().map(s -> s.equals(e.subject())).orElse(true)) {
                    out.add(e);
                }
            }
            return out;
        }

        // ---- writes ----

        @Override
        public Board insertBoard(NewBoard board) {
            checkWritable();
            if (boardsBySlug.containsKey(board.slug())) {
                throw new DuplicateKeyException("board.slug", "a board with slug '" + board.slug() + "' exists");
            }
            if (board.parentId() != null && !boards.containsKey(board.parentId())) {
                throw new NotFoundException(Kind.BOARD, board.parentId());
            }
            Board inserted = new Board(BoardId.of(++lastBoardId), board.parentId(), board.kind(), board.slug(),
                    board.name(), board.description(), board.position(), board.moderators(), board.topicTypes(),
                    board.policy(), 0, 0, null, board.moderation());
            put(boards, inserted.id(), inserted);
            put(boardsBySlug, inserted.slug(), inserted.id());
            put(listings, inserted.id(), new TreeSet<>(LISTING_ORDER));
            return inserted;
        }

        @Override
        public Board updateBoardModeration(BoardId id, BoardModeration moderation) {
            checkWritable();
            Board board = boards.get(id);
            if (board == null) {
                throw new NotFoundException(Kind.BOARD, id);
            }
            Board updated = new Board(board.id(), board.parentId(), board.kind(), board.slug(), board.name(),
                    board.description(), board.position(), board.moderators(), board.topicTypes(), board.policy(),
                    board.topicCount(), board.postCount(), board.lastPost(), Objects.requireNonNull(moderation));
            put(boards, id, updated);
            return updated;
        }

        @Override
        public StartedTopic insertTopic(NewTopic topic, NewPost opening) {
            checkWritable();
            Board board = boards.get(topic.boardId());
            if (board == null) {
                throw new NotFoundException(Kind.BOARD, topic.boardId());
            }
            ExternalKey key = topic.externalKey() == null ? null : new ExternalKey(topic.boardId(), topic.externalKey());
            if (key != null && topicsByKey.containsKey(key)) {
                throw new DuplicateKeyException("topic.externalKey",
                        "board " + topic.boardId() + " has a topic for '" + topic.externalKey() + "'");
            }
            TopicId id = TopicId.of(++lastTopicId);
            Topic inserted = new Topic(id, topic.boardId(), topic.title(), topic.type(), topic.author(),
                    topic.createdAt(), 0, false, topic.externalKey(), 0, 0, 1, opening.createdAt(), opening.author());
            put(topics, id, inserted);
            if (key != null) {
                put(topicsByKey, key, id);
            }
            TreeSet<Topic> listing = listings.get(topic.boardId());
            listing.add(inserted);
            undo.add(() -> listing.remove(inserted));
            put(floors, id, new ArrayList<>());
            put(floorsByAuthor, id, new HashMap<>());
            Post post = insertPost(inserted, 1, opening);
            boolean visible = post.isVisible();
            put(boards, board.id(), new Board(board.id(), board.parentId(), board.kind(), board.slug(), board.name(),
                    board.description(), board.position(), board.moderators(), board.topicTypes(), board.policy(),
                    board.topicCount() + 1, board.postCount() + (visible ? 1 : 0),
                    visible ? lastPostOf(post) : board.lastPost(), board.moderation()));
            return new StartedTopic(inserted, post);
        }

        @Override
        public Post appendReply(NewPost reply) {
            checkWritable();
            Topic topic = reply.topicId() == null ? null : topics.get(reply.topicId());
            if (topic == null) {
                throw new NotFoundException(Kind.TOPIC, reply.topicId());
            }
            int floor = topic.highestFloor() + 1;
            Post post = insertPost(topic, floor, reply);
            boolean visible = post.isVisible();
            replaceTopic(topic, counters(topic, topic.views(), topic.replies() + (visible ? 1 : 0), floor,
                    visible ? post.createdAt() : topic.lastPostAt(), visible ? post.author() : topic.lastPostBy()));
            if (visible) {
                Board board = boards.get(topic.boardId());
                put(boards, board.id(), withPosts(board, board.postCount() + 1, lastPostOf(post)));
            }
            return post;
        }

        private Post insertPost(Topic topic, int floor, NewPost post) {
            Post inserted = new Post(PostId.of(++lastPostId), topic.id(), floor, post.author(), post.createdAt(), null,
                    1, post.body(), post.format(), post.html(), post.renderer(), post.state(), post.replyToFloor(),
                    0, 0, post.quotes());
            put(posts, inserted.id(), inserted);
            List<PostId> ids = floors.get(topic.id());
            ids.add(inserted.id());
            undo.add(() -> ids.remove(ids.size() - 1));
            NavigableMap<Integer, PostId> own = child(floorsByAuthor.get(topic.id()), post.author().id(), TreeMap::new);
            own.put(floor, inserted.id());
            undo.add(() -> own.remove(floor));
            return inserted;
        }

        private LastPost lastPostOf(Post post) {
            return new LastPost(post.topicId(), post.id(), post.floor(), post.author(), post.createdAt());
        }

        private Board withPosts(Board board, long postCount, LastPost lastPost) {
            return new Board(board.id(), board.parentId(), board.kind(), board.slug(), board.name(),
                    board.description(), board.position(), board.moderators(), board.topicTypes(), board.policy(),
                    board.topicCount(), postCount, lastPost, board.moderation());
        }

        private Post existingPost(PostId id) {
            Post post = posts.get(id);
            if (post == null) {
                throw new NotFoundException(Kind.POST, id);
            }
            return post;
        }

        @Override
        public Topic updateTopicStatus(TopicId id, int pinLevel, boolean locked) {
            checkWritable();
            Topic topic = topics.get(id);
            if (topic == null) {
                throw new NotFoundException(Kind.TOPIC, id);
            }
            Topic updated = new Topic(topic.id(), topic.boardId(), topic.title(), topic.type(), topic.author(),
                    topic.createdAt(), pinLevel, locked, topic.externalKey(), topic.views(), topic.replies(),
                    topic.highestFloor(), topic.lastPostAt(), topic.lastPostBy());
            replaceTopic(topic, updated);
            return updated;
        }

        @Override
        public Topic moveTopic(TopicId id, BoardId to) {
            checkWritable();
            Topic topic = topics.get(id);
            if (topic == null) {
                throw new NotFoundException(Kind.TOPIC, id);
            }
            Board target = boards.get(to);
            if (target == null) {
                throw new NotFoundException(Kind.BOARD, to);
            }
            if (topic.boardId().equals(to)) {
                return topic;
            }
            ExternalKey newKey = topic.externalKey() == null ? null : new ExternalKey(to, topic.externalKey());
            if (newKey != null && topicsByKey.containsKey(newKey)) {
                throw new DuplicateKeyException("topic.externalKey", "board " + to + " has a topic for '"
                        + topic.externalKey() + "'");
            }
            Board source = boards.get(topic.boardId());
            long visible = floors.get(id).stream().map(posts::get).filter(Post::isVisible).count();
            Topic moved = new Topic(topic.id(), to, topic.title(), topic.type(), topic.author(), topic.createdAt(),
                    topic.pinLevel(), topic.locked(), topic.externalKey(), topic.views(), topic.replies(),
                    topic.highestFloor(), topic.lastPostAt(), topic.lastPostBy());
            put(topics, id, moved);
            TreeSet<Topic> from = listings.get(source.id());
            TreeSet<Topic> into = listings.get(to);
            from.remove(topic);
            into.add(moved);
            undo.add(() -> {
                into.remove(moved);
                from.add(topic);
            });
            if (newKey != null) {
                put(topicsByKey, new ExternalKey(source.id(), topic.externalKey()), null);
                put(topicsByKey, newKey, id);
            }
            LastPost sourceLast = source.lastPost() != null && source.lastPost().topicId().equals(id)
                    ? newestIn(source.id()) : source.lastPost();
            LastPost topicLast = newestOf(id);
            LastPost targetLast = topicLast != null && (target.lastPost() == null
                    || topicLast.at().isAfter(target.lastPost().at())) ? topicLast : target.lastPost();
            put(boards, source.id(), withCounts(source, source.topicCount() - 1, source.postCount() - visible,
                    sourceLast));
            put(boards, to, withCounts(target, target.topicCount() + 1, target.postCount() + visible, targetLast));
            for (Report r : List.copyOf(reports.values())) {
                if (r.topicId().equals(id)) {
                    put(reports, r.id(), new Report(r.id(), r.postId(), r.topicId(), to, r.reporter(), r.reason(),
                            r.text(), r.createdAt(), r.updatedAt(), r.resolution(), r.resolvedBy(), r.resolvedAt(),
                            r.resolutionNote()));
                }
            }
            return moved;
        }

        /** The newest visible post of a topic, or {@code null}. */
        private LastPost newestOf(TopicId topic) {
            List<PostId> ids = floors.get(topic);
            for (int i = ids.size() - 1; i >= 0; i--) {
                Post post = posts.get(ids.get(i));
                if (post.isVisible()) {
                    return lastPostOf(post);
                }
            }
            return null;
        }

        /** The newest visible post of a board's most recently active topic, or {@code null}. */
        private LastPost newestIn(BoardId board) {
            return listings.get(board).stream()
                    .max(Comparator.comparing(Topic::lastPostAt).thenComparing(Topic::id))
                    .map(t -> newestOf(t.id())).orElse(null);
        }

        private Board withCounts(Board b, long topicCount, long postCount, LastPost lastPost) {
            return new Board(b.id(), b.parentId(), b.kind(), b.slug(), b.name(), b.description(), b.position(),
                    b.moderators(), b.topicTypes(), b.policy(), topicCount, postCount, lastPost, b.moderation());
        }

        @Override
        public Post editPost(PostId id, PostEdit edit) {
            checkWritable();
            Post post = existingPost(id);
            Post edited = revised(post, edit.editedAt(), post.revision() + 1, edit.body(), edit.format(), edit.html(),
                    edit.renderer(), post.state(), post.support(), post.oppose());
            put(posts, id, edited);
            return edited;
        }

        @Override
        public Post changePostState(PostId id, PostState state) {
            checkWritable();
            Post post = existingPost(id);
            if (post.state() == state) {
                return post;
            }
            Post changed = revised(post, post.editedAt(), post.revision(), post.body(), post.format(), post.html(),
                    post.renderer(), state, post.support(), post.oppose());
            put(posts, id, changed);
            int delta = (changed.isVisible() ? 1 : 0) - (post.isVisible() ? 1 : 0);
            if (delta != 0) {
                Topic topic = topics.get(post.topicId());
                if (!post.isOpening()) {
                    replaceTopic(topic, counters(topic, topic.views(), topic.replies() + delta,
                            topic.highestFloor(), topic.lastPostAt(), topic.lastPostBy()));
                }
                Board board = boards.get(topic.boardId());
                put(boards, board.id(), withPosts(board, board.postCount() + delta, board.lastPost()));
            }
            return changed;
        }

        @Override
        public VoteChange castVote(PostId id, UserId voter, VoteKind vote) {
            checkWritable();
            Post post = existingPost(id);
            Map<UserId, VoteKind> onPost = child(votes, id, LinkedHashMap::new);
            VoteKind before = onPost.get(voter);
            if (before != vote) {
                put(onPost, voter, vote);
                post = revised(post, post.editedAt(), post.revision(), post.body(), post.format(), post.html(),
                        post.renderer(), post.state(), post.support() + delta(before, vote, VoteKind.SUPPORT),
                        post.oppose() + delta(before, vote, VoteKind.OPPOSE));
                put(posts, id, post);
            }
            return new VoteChange(id, voter, before, vote, post.support(), post.oppose());
        }

        private static int delta(VoteKind before, VoteKind after, VoteKind kind) {
            return (after == kind ? 1 : 0) - (before == kind ? 1 : 0);
        }

        @Override
        public FiledReport fileReport(NewReport report) {
            checkWritable();
            existingPost(report.postId());
            OpenReportKey key = new OpenReportKey(report.postId(), report.reporter().id());
            ReportId open = openReports.get(key);
            Report filed;
            if (open == null) {
                filed = new Report(ReportId.of(++lastReportId), report.postId(), report.topicId(), report.boardId(),
                        report.reporter(), report.reason(), report.text(), report.at(), report.at(), null, null, null,
                        null);
                put(openReports, key, filed.id());
            } else {
                Report before = reports.get(open);
                filed = new Report(before.id(), before.postId(), before.topicId(), before.boardId(), report.reporter(),
                        report.reason(), report.text(), before.createdAt(), report.at(), null, null, null, null);
            }
            put(reports, filed.id(), filed);
            long reporters = openReports.keySet().stream().filter(k -> k.post().equals(report.postId())).count();
            return new FiledReport(filed, open == null, reporters);
        }

        @Override
        public List<Report> resolveReports(PostId post, Resolution resolution, Author by, String note, Instant at) {
            checkWritable();
            List<Report> resolved = new ArrayList<>();
            for (Map.Entry<OpenReportKey, ReportId> open : List.copyOf(openReports.entrySet())) {
                if (open.getKey().post().equals(post)) {
                    Report r = reports.get(open.getValue());
                    Report done = new Report(r.id(), r.postId(), r.topicId(), r.boardId(), r.reporter(), r.reason(),
                            r.text(), r.createdAt(), r.updatedAt(), resolution, by, at, note);
                    put(reports, r.id(), done);
                    put(openReports, open.getKey(), null);
                    resolved.add(done);
                }
            }
            resolved.sort(Comparator.comparing(Report::id));
            return resolved;
        }

        @Override
        public PostRevision keepRevision(PostId id, Author replacedBy, Instant at) {
            checkWritable();
            Post post = existingPost(id);
            PostRevision revision = new PostRevision(id, post.revision(), post.body(), post.format(), replacedBy, at);
            TreeMap<Integer, PostRevision> ofPost = child(revisions, id, TreeMap::new);
            if (ofPost.containsKey(revision.revision())) {
                throw new DuplicateKeyException("revision", "post " + id + " already keeps revision "
                        + revision.revision());
            }
            ofPost.put(revision.revision(), revision);
            undo.add(() -> ofPost.remove(revision.revision()));
            return revision;
        }

        @Override
        public long lockCreditBalance(UserId user) {
            checkWritable();
            return creditBalances.getOrDefault(user, 0L);
        }

        @Override
        public CreditEntry appendCredit(NewCreditEntry entry) {
            checkWritable();
            CreditEntry appended = new CreditEntry(CreditEntryId.of(credits.size() + 1L), entry.user(), entry.boardId(),
                    entry.event(), entry.amount(), entry.cycleKey(), entry.postId(), entry.at());
            credits.add(appended);
            undo.add(() -> credits.remove(credits.size() - 1));
            put(creditBalances, entry.user(), creditBalances.getOrDefault(entry.user(), 0L) + entry.amount());
            return appended;
        }

        @Override
        public PostingWindow lockPostingWindow(UserId user, BoardId board) {
            checkWritable();
            // The store's single writer is the lock.
            return postingWindows.getOrDefault(new PostingKey(user, board), PostingWindow.EMPTY);
        }

        @Override
        public void savePostingWindow(UserId user, BoardId board, PostingWindow window) {
            checkWritable();
            put(postingWindows, new PostingKey(user, board), Objects.requireNonNull(window, "window"));
        }

        @Override
        public Ban insertBan(NewBan ban) {
            checkWritable();
            if (ban.boardId() != null && !boards.containsKey(ban.boardId())) {
                throw new NotFoundException(Kind.BOARD, ban.boardId());
            }
            Ban inserted = new Ban(BanId.of(bans.size() + 1L), ban.user(), ban.boardId(), ban.kind(), ban.reason(),
                    ban.by(), ban.createdAt(), ban.expiresAt(), null, null);
            put(bans, inserted.id(), inserted);
            return inserted;
        }

        @Override
        public Ban liftBan(BanId id, Author by, Instant at) {
            checkWritable();
            Ban ban = bans.get(id);
            if (ban == null) {
                throw new NotFoundException(Kind.BAN, id);
            }
            if (ban.liftedAt() != null) {
                return ban;
            }
            Ban lifted = new Ban(ban.id(), ban.user(), ban.boardId(), ban.kind(), ban.reason(), ban.by(),
                    ban.createdAt(), ban.expiresAt(), by, at);
            put(bans, id, lifted);
            return lifted;
        }

        @Override
        public AuditEntry appendAudit(NewAuditEntry entry) {
            checkWritable();
            AuditEntry appended = new AuditEntry(AuditId.of(audit.size() + 1L), entry.boardId(), entry.actor(),
                    entry.action(), entry.topicId(), entry.postId(), entry.subject(), entry.before(), entry.after(),
                    entry.reason(), entry.at());
            audit.add(appended);
            undo.add(() -> audit.remove(audit.size() - 1));
            return appended;
        }

        @Override
        public void addViews(Map<TopicId, Long> views) {
            checkWritable();
            views.forEach((id, count) -> {
                Topic topic = topics.get(id);
                if (topic != null && count > 0) {
                    replaceTopic(topic, counters(topic, topic.views() + count, topic.replies(),
                            topic.highestFloor(), topic.lastPostAt(), topic.lastPostBy()));
                }
            });
        }

        @Override
        public void afterCommit(Runnable action) {
            checkWritable();
            afterCommit.add(Objects.requireNonNull(action, "action"));
        }
    }

    private static Topic counters(Topic t, long views, long replies, int highestFloor, Instant lastPostAt,
            Author lastPostBy) {
        return new Topic(t.id(), t.boardId(), t.title(), t.type(), t.author(), t.createdAt(), t.pinLevel(), t.locked(),
                t.externalKey(), views, replies, highestFloor, lastPostAt, lastPostBy);
    }

    private static Post revised(Post p, Instant editedAt, int revision, String body, ContentFormat format, String html,
            String renderer, PostState state, long support, long oppose) {
        return new Post(p.id(), p.topicId(), p.floor(), p.author(), p.createdAt(), editedAt, revision, body, format,
                html, renderer, state, p.replyToFloor(), support, oppose, p.quotes());
    }
}
