package org.forumkit.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.forumkit.memory.Tables.ExternalKey;
import org.forumkit.memory.Tables.OpenReportKey;
import org.forumkit.model.AuditEntry;
import org.forumkit.model.AuditId;
import org.forumkit.model.Ban;
import org.forumkit.model.BanId;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.CreditEntry;
import org.forumkit.model.CreditEntryId;
import org.forumkit.model.CreditEvent;
import org.forumkit.model.LastPost;
import org.forumkit.model.MostSupportedRequest;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.PostRevision;
import org.forumkit.model.PostState;
import org.forumkit.model.Quote;
import org.forumkit.model.Report;
import org.forumkit.model.ReportId;
import org.forumkit.model.SourceState;
import org.forumkit.model.SupportCursor;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicCursor;
import org.forumkit.model.TopicId;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.UserId;
import org.forumkit.model.VoteKind;
import org.forumkit.spi.store.AuditFilter;
import org.forumkit.spi.store.SearchIndexReader;
import org.forumkit.spi.store.StoreReader;
import org.forumkit.spi.store.StoredTopicPage;

/** The reads of an {@link InMemoryForumStore} over its {@link Tables}; every transaction reads through one. */
class TableReader implements StoreReader {
    final Tables db;

    TableReader(Tables db) {
        this.db = db;
    }

    @Override
    public Optional<Board> board(BoardId id) {
        return Optional.ofNullable(db.boards.get(id));
    }

    @Override
    public Optional<Board> boardBySlug(String slug) {
        return Optional.ofNullable(db.boardsBySlug.get(slug)).map(db.boards::get);
    }

    @Override
    public List<Board> boards() {
        return db.boards.values().stream()
                .sorted(Comparator.comparingInt(Board::position).thenComparing(Board::id))
                .toList();
    }

    @Override
    public Optional<Topic> topic(TopicId id) {
        return Optional.ofNullable(db.topics.get(id));
    }

    @Override
    public Optional<Topic> topicByExternalKey(BoardId board, String externalKey) {
        return Optional.ofNullable(db.topicsByKey.get(new ExternalKey(board, externalKey))).map(db.topics::get);
    }

    @Override
    public Optional<Post> post(PostId id) {
        return Optional.ofNullable(db.posts.get(id));
    }

    @Override
    public List<Post> postsByFloors(TopicId topic, Collection<Integer> wanted) {
        List<PostId> ids = db.floors.getOrDefault(topic, List.of());
        return wanted.stream().distinct().sorted()
                .filter(floor -> floor >= 1 && floor <= ids.size())
                .map(floor -> db.posts.get(ids.get(floor - 1)))
                .toList();
    }

    @Override
    public Optional<StoredTopicPage> topicPage(TopicId topicId, TopicPageRequest request, Optional<UserId> viewer) {
        Topic topic = db.topics.get(topicId);
        if (topic == null) {
            return Optional.empty();
        }
        List<Post> page = new ArrayList<>();
        if (request.optionalOnlyAuthor().isPresent()) {
            NavigableMap<Integer, PostId> own = db.floorsByAuthor.getOrDefault(topicId, Map.of())
                    .getOrDefault(request.onlyAuthor(), new TreeMap<>());
            for (PostId id : own.tailMap(request.fromFloor(), true).values()) {
                if (page.size() == request.size()) {
                    break;
                }
                page.add(db.posts.get(id));
            }
        } else {
            List<PostId> ids = db.floors.get(topicId);
            int end = (int) Math.min(ids.size(), (long) request.fromFloor() - 1 + request.size());
            for (int floor = request.fromFloor(); floor <= end; floor++) {
                page.add(db.posts.get(ids.get(floor - 1)));
            }
        }
        return Optional.of(stored(topic, page, viewer));
    }

    @Override
    public Optional<StoredTopicPage> mostSupported(TopicId topicId, MostSupportedRequest request,
            Optional<UserId> viewer) {
        Topic topic = db.topics.get(topicId);
        if (topic == null) {
            return Optional.empty();
        }
        List<Post> page = db.floors.getOrDefault(topicId, List.of()).stream().map(db.posts::get)
                .filter(p -> p.state() != PostState.DELETED)
                .filter(p -> request.optionalOnlyAuthor().map(p.author().id()::equals).orElse(true))
                .filter(p -> request.optionalAfter().map(after -> after.precedes(p)).orElse(true))
                .sorted(SupportCursor.ORDER).limit(request.size()).toList();
        return Optional.of(stored(topic, page, viewer));
    }

    private StoredTopicPage stored(Topic topic, List<Post> page, Optional<UserId> viewer) {
        Map<PostId, VoteKind> myVotes = new HashMap<>();
        Map<PostId, SourceState> sources = new HashMap<>();
        for (Post post : page) {
            viewer.map(db.votes.getOrDefault(post.id(), Map.of())::get).ifPresent(v -> myVotes.put(post.id(), v));
            for (Quote quote : post.quotes()) {
                Post source = db.posts.get(quote.sourcePostId());
                if (source != null) {
                    sources.put(source.id(), new SourceState(source.revision(), source.state()));
                }
            }
        }
        List<Ban> viewerBans = viewer.map(user -> db.bans.values().stream()
                .filter(b -> b.user().equals(user) && b.liftedAt() == null
                        && (b.boardId() == null || b.boardId().equals(topic.boardId())))
                .sorted(Comparator.comparing(Ban::id)).toList()).orElse(List.of());
        return new StoredTopicPage(db.boards.get(topic.boardId()), topic, page, myVotes, sources, viewerBans);
    }

    @Override
    public List<Topic> topics(BoardId board, Optional<TopicCursor> after, int limit) {
        TreeSet<Topic> listing = db.listings.get(board);
        if (listing == null) {
            return List.of();
        }
        var rest = after.map(c -> listing.tailSet(Copies.probe(board, c), false)).orElse(listing);
        return rest.stream().limit(limit).toList();
    }

    @Override
    public Optional<Topic> mostRecentlyActiveTopic(BoardId board) {
        return Optional.ofNullable(db.listings.get(board)).flatMap(listing -> listing.stream().min(Topic.ACTIVITY_ORDER));
    }

    @Override
    public Optional<LastPost> newestVisiblePost(TopicId topic) {
        List<PostId> ids = db.floors.getOrDefault(topic, List.of());
        for (int i = ids.size() - 1; i >= 0; i--) {
            Post post = db.posts.get(ids.get(i));
            if (post.isVisible()) {
                return Optional.of(Copies.lastPostOf(post));
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<VoteKind> vote(PostId post, UserId voter) {
        return Optional.ofNullable(db.votes.getOrDefault(post, Map.of()).get(voter));
    }

    @Override
    public Map<UserId, VoteKind> votes(PostId post) {
        return Map.copyOf(db.votes.getOrDefault(post, Map.of()));
    }

    @Override
    public org.forumkit.spi.store.NotificationReader notifications() {
        return new MemoryInbox(db, null, false);
    }

    @Override
    public org.forumkit.spi.store.DeliveryReader outbox() {
        return new MemoryOutbox(db, null, false);
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

    private Stream<Post> pending(BoardId board) {
        return db.posts.values().stream()
                .filter(p -> p.state() == PostState.PENDING && db.topics.get(p.topicId()).boardId().equals(board))
                .sorted(Comparator.comparing(Post::id));
    }

    @Override
    public Optional<Report> report(ReportId id) {
        return Optional.ofNullable(db.reports.get(id));
    }

    @Override
    public List<Report> openReports(BoardId board, Optional<ReportId> after, int limit) {
        return openOf(board).filter(r -> after.map(a -> r.id().compareTo(a) > 0).orElse(true)).limit(limit).toList();
    }

    @Override
    public long openReportCount(BoardId board) {
        return openOf(board).count();
    }

    private Stream<Report> openOf(BoardId board) {
        return db.openReports.values().stream().map(db.reports::get).filter(r -> r.boardId().equals(board))
                .sorted(Comparator.comparing(Report::id));
    }

    @Override
    public Map<PostId, Long> openReportersByPost(Collection<PostId> wanted) {
        Map<PostId, Long> counts = new HashMap<>();
        for (OpenReportKey key : db.openReports.keySet()) {
            if (wanted.contains(key.post())) {
                counts.merge(key.post(), 1L, Long::sum);
            }
        }
        return counts;
    }

    @Override
    public long creditBalance(UserId user) {
        return db.creditBalances.getOrDefault(user, 0L);
    }

    @Override
    public List<CreditEntry> creditEntries(UserId user, Optional<CreditEntryId> before, int limit) {
        List<CreditEntry> out = new ArrayList<>();
        for (int i = db.credits.size() - 1; i >= 0 && out.size() < limit; i--) {
            CreditEntry e = db.credits.get(i);
            if (e.user().equals(user) && before.map(b -> e.id().compareTo(b) < 0).orElse(true)) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public long creditCount(UserId user, BoardId board, CreditEvent event, String cycleKey) {
        return db.credits.stream().filter(e -> e.user().equals(user) && e.boardId().equals(board)
                && e.event() == event && e.cycleKey().equals(cycleKey)).count();
    }

    @Override
    public List<PostRevision> revisions(PostId post) {
        return List.copyOf(db.revisions.getOrDefault(post, new TreeMap<>()).values());
    }

    @Override
    public Optional<Ban> ban(BanId id) {
        return Optional.ofNullable(db.bans.get(id));
    }

    @Override
    public List<Ban> activeBans(UserId user, Optional<BoardId> board, Instant now) {
        return db.bans.values().stream()
                .filter(b -> b.user().equals(user) && b.isActiveAt(now)
                        && board.map(id -> b.boardId() == null || b.boardId().equals(id)).orElse(true))
                .sorted(Comparator.comparing(Ban::id)).toList();
    }

    @Override
    public List<AuditEntry> auditEntries(AuditFilter filter, Optional<AuditId> before, int limit) {
        List<AuditEntry> out = new ArrayList<>();
        for (int i = db.audit.size() - 1; i >= 0 && out.size() < limit; i--) {
            AuditEntry e = db.audit.get(i);
            if (before.map(b -> e.id().compareTo(b) < 0).orElse(true)
                    && filter.board().map(b -> b.equals(e.boardId())).orElse(true)
                    && filter.actor().map(a -> a.equals(e.actor().id())).orElse(true)
                    && filter.subject().map(s -> s.equals(e.subject())).orElse(true)) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public SearchIndexReader searchIndex() {
        return new MemorySearchIndex(db, null);
    }
}
