package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.forumkit.model.AuditEntry;
import org.forumkit.model.AuditId;
import org.forumkit.model.Author;
import org.forumkit.model.Ban;
import org.forumkit.model.BanId;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.BoardModeration;
import org.forumkit.model.CreditEntry;
import org.forumkit.model.CreditEntryId;
import org.forumkit.model.CreditEvent;
import org.forumkit.model.LastPost;
import org.forumkit.model.MostSupportedRequest;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.PostRevision;
import org.forumkit.model.PostState;
import org.forumkit.model.Report;
import org.forumkit.model.ReportId;
import org.forumkit.model.Resolution;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicCursor;
import org.forumkit.model.TopicId;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.UserId;
import org.forumkit.model.VoteChange;
import org.forumkit.model.VoteKind;
import org.forumkit.spi.store.AuditFilter;
import org.forumkit.spi.store.FiledReport;
import org.forumkit.spi.store.ImportMap;
import org.forumkit.spi.store.MovedTopic;
import org.forumkit.spi.store.NewAuditEntry;
import org.forumkit.spi.store.NewBan;
import org.forumkit.spi.store.NewBoard;
import org.forumkit.spi.store.NewCreditEntry;
import org.forumkit.spi.store.NewPost;
import org.forumkit.spi.store.NewReport;
import org.forumkit.spi.store.NewTopic;
import org.forumkit.spi.store.NotificationWriter;
import org.forumkit.spi.store.PostEdit;
import org.forumkit.spi.store.PostInTopic;
import org.forumkit.spi.store.PostingWindow;
import org.forumkit.spi.store.StartedTopic;
import org.forumkit.spi.store.SearchIndexWriter;
import org.forumkit.spi.store.StoreTransaction;
import org.forumkit.spi.store.StoredTopicPage;
import org.forumkit.spi.store.TopicInBoard;
import org.forumkit.spi.store.WithBans;
import org.forumkit.spi.store.TransactionNesting;

/**
 * One store transaction on an entity manager: the storage SPI, handed to one rows class per aggregate on that same
 * entity manager. Every counter moves through a bulk {@code x = x + delta} update issued in a deliberate order,
 * parent row before child rows, with explicit flushes, so no provider flush ordering can interleave them.
 */
final class JpaStoreTransaction implements StoreTransaction {
    private final JpaTransactions.Scope scope;
    private final boolean writable;
    private final BoardRows boards;
    private final TopicRows topics;
    private final PostRows posts;
    private final SupportRanking ranking;
    private final VoteRows votes;
    private final ReportRows reports;
    private final BanRows bans;
    private final AuditRows audit;
    private final CreditRows credits;
    private final RevisionRows revisions;
    private final PostingWindowRows postingWindows;
    private final NotificationRows notifications;
    private final OutboxRows outbox;
    private final ImportMapRows importMap;
    private final SearchRows search;

    JpaStoreTransaction(EntityManager em, JpaTransactions.Scope scope, boolean writable, WritePath writePath) {
        this.scope = scope;
        this.writable = writable;
        this.boards = new BoardRows(em, new Lookups(writePath.jdbc()));
        this.votes = new VoteRows(em, writePath);
        this.reports = new ReportRows(em);
        this.posts = new PostRows(em, writePath, boards);
        this.ranking = new SupportRanking(em, posts.reads);
        this.topics = new TopicRows(em, boards, posts, reports);
        this.bans = new BanRows(em);
        this.audit = new AuditRows(em);
        this.credits = new CreditRows(em);
        this.revisions = new RevisionRows(em);
        this.postingWindows = new PostingWindowRows(em);
        this.notifications = new NotificationRows(em, writable);
        this.outbox = new OutboxRows(em, writable);
        this.importMap = new ImportMapRows(em, this::checkWritable);
        this.search = SearchRows.of(em, posts, writable, writePath);
    }

    /**
     * Runs the statements a write path put off to the end ({@link PostRows#defer}): before any other read or write of
     * this transaction, so everything it does sees them, and at its end, before the commit. Only the search index's
     * writes ({@link #searchIndex}) go before them, since they touch only the new post's index rows.
     */
    void settle() {
        posts.settle();
    }

    private void checkWritable() {
        TransactionNesting.checkWritable(writable);
    }

    // ---- boards ----

    @Override
    public Optional<Board> board(BoardId id) {
        settle();
        return boards.board(id);
    }

    @Override
    public Optional<Board> boardBySlug(String slug) {
        settle();
        return boards.boardBySlug(slug);
    }

    @Override
    public List<Board> boards() {
        settle();
        return boards.boards();
    }

    @Override
    public Board insertBoard(NewBoard board) {
        settle();
        checkWritable();
        return boards.insertBoard(board);
    }

    @Override
    public Board updateBoardModeration(BoardId id, BoardModeration moderation) {
        settle();
        checkWritable();
        return boards.updateModeration(id, moderation);
    }

    @Override
    public void setBoardLastPost(BoardId id, Optional<LastPost> lastPost) {
        settle();
        checkWritable();
        boards.setLastPost(id, lastPost);
    }

    // ---- topics and listing ----

    @Override
    public Optional<Topic> topic(TopicId id) {
        settle();
        return topics.topic(id);
    }

    @Override
    public Optional<TopicInBoard> topicInBoard(TopicId id) {
        settle();
        return topics.topicInBoard(id);
    }

    @Override
    public Optional<WithBans<TopicInBoard>> topicInBoard(TopicId id, Optional<UserId> viewer, Instant now) {
        settle();
        return topics.topicInBoard(id, viewer, now);
    }

    @Override
    public Optional<WithBans<PostInTopic>> postInTopic(PostId id, Optional<UserId> viewer, Instant now) {
        settle();
        return posts.postInTopic(id, viewer, now);
    }

    @Override
    public Optional<Topic> topicByExternalKey(BoardId board, String externalKey) {
        settle();
        return topics.topicByExternalKey(board, externalKey);
    }

    @Override
    public List<Topic> topics(BoardId board, Optional<TopicCursor> after, int limit) {
        settle();
        return topics.topics(board, after, limit);
    }

    @Override
    public Optional<Topic> mostRecentlyActiveTopic(BoardId board) {
        settle();
        return topics.mostRecentlyActiveTopic(board);
    }

    @Override
    public StartedTopic insertTopic(NewTopic topic, NewPost opening) {
        settle();
        checkWritable();
        return topics.insertTopic(topic, opening);
    }

    @Override
    public Topic updateTopicStatus(TopicId id, int pinLevel, boolean locked) {
        settle();
        checkWritable();
        return topics.updateStatus(id, pinLevel, locked);
    }

    @Override
    public MovedTopic moveTopic(TopicId id, BoardId to) {
        settle();
        checkWritable();
        return topics.moveTopic(id, to);
    }

    @Override
    public void addViews(Map<TopicId, Long> views) {
        settle();
        checkWritable();
        topics.addViews(views);
    }

    // ---- posts, floors and quotes ----

    @Override
    public Optional<Post> post(PostId id) {
        settle();
        return posts.post(id);
    }

    @Override
    public Optional<LastPost> newestVisiblePost(TopicId topic) {
        settle();
        return posts.newestVisiblePost(topic);
    }

    @Override
    public Optional<PostInTopic> postInTopic(PostId id) {
        settle();
        return posts.postInTopic(id);
    }

    @Override
    public Map<PostId, PostInTopic> postsInTopic(Collection<PostId> ids) {
        settle();
        return posts.postsInTopic(ids);
    }

    @Override
    public List<Post> postsByFloors(TopicId topic, Collection<Integer> floors) {
        settle();
        return posts.postsByFloors(topic, floors);
    }

    @Override
    public Optional<StoredTopicPage> topicPage(TopicId topic, TopicPageRequest request, Optional<UserId> viewer) {
        settle();
        return posts.topicPage(topic, request, viewer);
    }

    @Override
    public Optional<StoredTopicPage> mostSupported(TopicId topic, MostSupportedRequest request, Optional<UserId> viewer) {
        settle();
        return ranking.mostSupported(topic, request, viewer);
    }

    @Override
    public List<Post> pendingPosts(BoardId board, Optional<PostId> after, int limit) {
        settle();
        return posts.pendingPosts(board, after, limit);
    }

    @Override
    public long pendingPostCount(BoardId board) {
        settle();
        return posts.pendingPostCount(board);
    }

    @Override
    public Post appendReply(NewPost reply) {
        settle();
        checkWritable();
        return posts.appendReply(reply);
    }

    @Override
    public Post editPost(PostId id, PostEdit edit) {
        settle();
        checkWritable();
        return posts.editPost(id, edit);
    }

    @Override
    public Post changePostState(PostId id, PostState state) {
        settle();
        checkWritable();
        return posts.changePostState(id, state);
    }

    // ---- votes ----

    @Override
    public Optional<VoteKind> vote(PostId post, UserId voter) {
        settle();
        return votes.vote(post, voter);
    }

    @Override
    public Map<UserId, VoteKind> votes(PostId post) {
        settle();
        return votes.votes(post);
    }

    @Override
    public VoteChange castVote(PostId id, UserId voter, VoteKind vote) {
        settle();
        checkWritable();
        return votes.castVote(id, voter, vote);
    }

    // ---- reports ----

    @Override
    public Optional<Report> report(ReportId id) {
        settle();
        return reports.report(id);
    }

    @Override
    public List<Report> openReports(BoardId board, Optional<ReportId> after, int limit) {
        settle();
        return reports.openReports(board, after, limit);
    }

    @Override
    public long openReportCount(BoardId board) {
        settle();
        return reports.openReportCount(board);
    }

    @Override
    public Map<PostId, Long> openReportersByPost(Collection<PostId> posts) {
        settle();
        return reports.openReportersByPost(posts);
    }

    @Override
    public FiledReport fileReport(NewReport report) {
        settle();
        checkWritable();
        return reports.fileReport(report);
    }

    @Override
    public List<Report> resolveReports(PostId post, Resolution resolution, Author by, String note, Instant at) {
        settle();
        checkWritable();
        return reports.resolveReports(post, resolution, by, note, at);
    }

    // ---- bans ----

    @Override
    public Optional<Ban> ban(BanId id) {
        settle();
        return bans.ban(id);
    }

    @Override
    public List<Ban> activeBans(UserId user, Optional<BoardId> board, Instant now) {
        settle();
        return bans.activeBans(user, board, now);
    }

    @Override
    public Ban insertBan(NewBan ban) {
        settle();
        checkWritable();
        return bans.insertBan(ban);
    }

    @Override
    public Ban liftBan(BanId id, Author by, Instant at) {
        settle();
        checkWritable();
        return bans.liftBan(id, by, at);
    }

    // ---- notifications ----

    @Override
    public NotificationWriter notifications() {
        settle();
        return notifications;
    }

    @Override
    public org.forumkit.spi.store.DeliveryWriter outbox() {
        settle();
        return outbox;
    }

    // ---- audit ----

    @Override
    public List<AuditEntry> auditEntries(AuditFilter filter, Optional<AuditId> before, int limit) {
        settle();
        return audit.auditEntries(filter, before, limit);
    }

    @Override
    public AuditEntry appendAudit(NewAuditEntry entry) {
        settle();
        checkWritable();
        return audit.appendAudit(entry);
    }

    // ---- credits ----

    @Override
    public long creditBalance(UserId user) {
        settle();
        return credits.balance(user);
    }

    @Override
    public List<CreditEntry> creditEntries(UserId user, Optional<CreditEntryId> before, int limit) {
        settle();
        return credits.entries(user, before, limit);
    }

    @Override
    public long creditCount(UserId user, BoardId board, CreditEvent event, String cycleKey) {
        settle();
        return credits.count(user, board, event, cycleKey);
    }

    @Override
    public long lockCreditBalance(UserId user) {
        settle();
        checkWritable();
        return credits.lockBalance(user);
    }

    @Override
    public CreditEntry appendCredit(NewCreditEntry entry) {
        settle();
        checkWritable();
        return credits.append(entry);
    }

    // ---- revisions ----

    @Override
    public List<PostRevision> revisions(PostId post) {
        settle();
        return revisions.revisions(post);
    }

    @Override
    public PostRevision keepRevision(PostId id, Author replacedBy, Instant at) {
        settle();
        checkWritable();
        return revisions.keepRevision(id, replacedBy, at);
    }

    // ---- posting windows ----

    @Override
    public PostingWindow lockPostingWindow(UserId user, BoardId board) {
        settle();
        checkWritable();
        return postingWindows.lock(user, board);
    }

    @Override
    public void savePostingWindow(UserId user, BoardId board, PostingWindow window) {
        settle();
        checkWritable();
        postingWindows.save(user, board, window);
    }

    // ---- search ----

    @Override
    public SearchIndexWriter searchIndex() {
        return search;
    }

    // ---- the transaction ----

    @Override
    public ImportMap importMap() {
        settle();
        return importMap;
    }

    @Override
    public void afterCommit(Runnable action) {
        settle();
        checkWritable();
        scope.afterCommit(Objects.requireNonNull(action, "action"));
    }
}
