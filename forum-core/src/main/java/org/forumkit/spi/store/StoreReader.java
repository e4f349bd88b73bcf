package org.forumkit.spi.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.forumkit.model.AuditEntry;
import org.forumkit.model.AuditId;
import org.forumkit.model.Ban;
import org.forumkit.model.BanId;
import org.forumkit.model.Board;
import org.forumkit.model.CreditEntry;
import org.forumkit.model.CreditEntryId;
import org.forumkit.model.CreditEvent;
import org.forumkit.model.LastPost;
import org.forumkit.model.MostSupportedRequest;
import org.forumkit.model.BoardId;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.PostRevision;
import org.forumkit.model.Report;
import org.forumkit.model.ReportId;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicCursor;
import org.forumkit.model.TopicId;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.UserId;
import org.forumkit.model.VoteKind;

/** The reads a store offers inside a transaction. Lookups return {@link Optional}, never {@code null}. */
public interface StoreReader {

    Optional<Board> board(BoardId id);

    Optional<Board> boardBySlug(String slug);

    /** Every board and category, ordered by position, then id. */
    List<Board> boards();

    Optional<Topic> topic(TopicId id);

    /**
     * A topic with its board. Every write command starts with this read, so a database store should override it
     * with one query; the default makes two lookups.
     */
    default Optional<TopicInBoard> topicInBoard(TopicId id) {
        return topic(id).map(topic -> new TopicInBoard(topic, board(topic.boardId()).orElseThrow()));
    }

    /**
     * {@link #topicInBoard(TopicId)} with {@code viewer}'s bans in that board and the global ones (see
     * {@link WithBans}): what a reply reads first. A database store should answer it in one query; the default
     * makes the two reads, none for bans without a viewer.
     */
    default Optional<WithBans<TopicInBoard>> topicInBoard(TopicId id, Optional<UserId> viewer, Instant now) {
        return topicInBoard(id).map(found -> new WithBans<>(found, viewer
                .map(user -> activeBans(user, Optional.of(found.board().id()), now)).orElse(List.of())));
    }

    Optional<Topic> topicByExternalKey(BoardId board, String externalKey);

    Optional<Post> post(PostId id);

    /** A post with its topic and board; as {@link #topicInBoard(TopicId)}, worth one query in a database. */
    default Optional<PostInTopic> postInTopic(PostId id) {
        return post(id).map(post -> {
            Topic topic = topic(post.topicId()).orElseThrow();
            return new PostInTopic(post, topic, board(topic.boardId()).orElseThrow());
        });
    }

    /**
     * {@link #postInTopic(PostId)} for each of {@code ids}, by id; ids that do not exist are left out. A database
     * store answers it in a fixed number of queries (search re-checks a page of hits with it).
     */
    default Map<PostId, PostInTopic> postsInTopic(Collection<PostId> ids) {
        Map<PostId, PostInTopic> found = new java.util.HashMap<>();
        for (PostId id : ids) {
            postInTopic(id).ifPresent(post -> found.put(id, post));
        }
        return found;
    }

    /** {@link #postInTopic(PostId)} with {@code viewer}'s bans, as {@link #topicInBoard(TopicId, Optional, Instant)}. */
    default Optional<WithBans<PostInTopic>> postInTopic(PostId id, Optional<UserId> viewer, Instant now) {
        return postInTopic(id).map(found -> new WithBans<>(found, viewer
                .map(user -> activeBans(user, Optional.of(found.board().id()), now)).orElse(List.of())));
    }

    /** The posts of a topic on the given floors, in floor order; floors that do not exist are left out. */
    List<Post> postsByFloors(TopicId topic, Collection<Integer> floors);

    /**
     * One page of a topic in a constant number of queries: the topic and its board, the posts from
     * {@code request.fromFloor()} in floor order (every state, at most {@code request.size()}, only
     * {@code request.onlyAuthor()}'s when set) with their quotes, the viewer's votes on them, and the current
     * revision and state of every post they quote, and the viewer's bans that are not lifted (in the topic's board
     * or everywhere). Empty when the topic does not exist.
     */
    Optional<StoredTopicPage> topicPage(TopicId topic, TopicPageRequest request, Optional<UserId> viewer);

    /**
     * A page of a topic in the most-supported order, as {@link #topicPage(TopicId, TopicPageRequest, Optional)} reads
     * a floor range: the topic and its board, up to {@code request.size()} posts that are not deleted (every other
     * state; only {@code request.onlyAuthor()}'s when set) by support descending, then floor ascending, after
     * {@code request.after()} when given, with their quotes, the viewer's votes on them, the quoted sources' states
     * and the viewer's bans. Empty when the topic does not exist. A database store should override it with a keyset
     * read of an index on (topic, support, floor); the default reads the whole topic, a floor range at a time.
     */
    default Optional<StoredTopicPage> mostSupported(TopicId topic, MostSupportedRequest request,
            Optional<UserId> viewer) {
        final int chunk = 500;
        Optional<StoredTopicPage> first = topicPage(topic, TopicPageRequest.first(chunk), viewer);
        if (first.isEmpty()) {
            return first;
        }
        List<Post> candidates = new java.util.ArrayList<>();
        Map<PostId, VoteKind> votes = new java.util.HashMap<>();
        Map<PostId, org.forumkit.model.SourceState> sources = new java.util.HashMap<>();
        int highest = first.get().topic().highestFloor();
        for (int from = 1; from <= highest; from += chunk) {
            StoredTopicPage range = from == 1 ? first.get()
                    : topicPage(topic, TopicPageRequest.from(from, chunk), viewer).orElseThrow();
            for (Post post : range.posts()) {
                if (post.state() != org.forumkit.model.PostState.DELETED
                        && request.optionalOnlyAuthor().map(post.author().id()::equals).orElse(true)
                        && request.optionalAfter().map(after -> after.precedes(post)).orElse(true)) {
                    candidates.add(post);
                }
            }
            votes.putAll(range.viewerVotes());
            sources.putAll(range.quoteSources());
        }
        List<Post> page = candidates.stream().sorted(org.forumkit.model.SupportCursor.ORDER).limit(request.size()).toList();
        java.util.Set<PostId> ids = page.stream().map(Post::id).collect(java.util.stream.Collectors.toSet());
        java.util.Set<PostId> quoted = page.stream().flatMap(p -> p.quotes().stream())
                .map(org.forumkit.model.Quote::sourcePostId).collect(java.util.stream.Collectors.toSet());
        votes.keySet().retainAll(ids);
        sources.keySet().retainAll(quoted);
        StoredTopicPage header = first.get();
        return Optional.of(new StoredTopicPage(header.board(), header.topic(), page, votes, sources,
                header.viewerBans()));
    }

    /**
     * Up to {@code limit} topics of a board in {@link Topic#LISTING_ORDER} (pin level descending, then last post
     * time descending, then id descending), starting after {@code after} when present.
     */
    List<Topic> topics(BoardId board, Optional<TopicCursor> after, int limit);

    /** The board's topic that comes first in {@link Topic#ACTIVITY_ORDER} (pin levels aside); empty for none. */
    Optional<Topic> mostRecentlyActiveTopic(BoardId board);

    /** The visible post of a topic on the highest floor, as a board's last post; empty when none is visible. */
    Optional<LastPost> newestVisiblePost(TopicId topic);

    Optional<VoteKind> vote(PostId post, UserId voter);

    /**
     * Up to {@code limit} posts of a board's topics in state {@code PENDING}, oldest (lowest id) first, after
     * {@code after} when present.
     */
    List<Post> pendingPosts(BoardId board, Optional<PostId> after, int limit);

    /** How many posts of a board's topics are in state {@code PENDING}. */
    long pendingPostCount(BoardId board);

    Optional<Report> report(ReportId id);

    /** Up to {@code limit} open reports of a board, oldest (lowest id) first, after {@code after} when present. */
    List<Report> openReports(BoardId board, Optional<ReportId> after, int limit);

    /** How many reports of a board are open. */
    long openReportCount(BoardId board);

    /** How many users have an open report on each of the given posts; posts without one are left out. */
    Map<PostId, Long> openReportersByPost(Collection<PostId> posts);

    /** A user's credit balance: 0 before their first ledger entry. */
    long creditBalance(UserId user);

    /** Up to {@code limit} of a user's ledger entries, newest (highest id) first, before {@code before}. */
    List<CreditEntry> creditEntries(UserId user, Optional<CreditEntryId> before, int limit);

    /** How many ledger entries a user has for one board, event and cycle. */
    long creditCount(UserId user, BoardId board, CreditEvent event, String cycleKey);

    /** A post's earlier texts, oldest first. */
    List<PostRevision> revisions(PostId post);

    Optional<Ban> ban(BanId id);

    /**
     * The user's bans active at {@code now} (not lifted, not expired): those of {@code board} and the global ones
     * when a board is given, every active one otherwise; oldest first.
     */
    List<Ban> activeBans(UserId user, Optional<BoardId> board, Instant now);

    /** Up to {@code limit} audit entries matching {@code filter}, newest (highest id) first, before {@code before}. */
    List<AuditEntry> auditEntries(AuditFilter filter, Optional<AuditId> before, int limit);

    /** Every vote on a post. */
    Map<UserId, VoteKind> votes(PostId post);

    /** The users' inboxes. */
    NotificationReader notifications();

    /** The delivery outbox (mail, webhooks) and the users' delivery settings. */
    DeliveryReader outbox();

    /** The search index: candidate posts for analysed terms, and every post in id order for a re-index. */
    SearchIndexReader searchIndex();
}
