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
import org.forumkit.spi.store.IndexedTerm;
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

    private void checkWritable() {
        TransactionNesting.checkWritable(writable);
    }

    // ---- boards ----

    @Override
    public Optional<Board> board(BoardId id) {
        return boards.board(id);
    }

    @Override
    public Optional<Board> boardBySlug(String slug) {
        return boards.boardBySlug(slug);
    }

    @Override
    public List<Board> boards() {
        return boards.boards();
    }

    @Override
    public Board insertBoard(NewBoard board) {
        checkWritable();
        return boards.insertBoard(board);
    }

    @Override
    public Board updateBoardModeration(BoardId id, BoardModeration moderation) {
        checkWritable();
        return boards.updateModeration(id, moderation);
    }

    @Override
    public void setBoardLastPost(BoardId id, Optional<LastPost> lastPost) {
        checkWritable();
        boards.setLastPost(id, lastPost);
    }

    // ---- topics and listing ----

    @Override
    public Optional<Topic> topic(TopicId id) {
        return topics.topic(id);
    }

    @Override
    public Optional<TopicInBoard> topicInBoard(TopicId id) {
        return topics.topicInBoard(id);
    }

    @Override
    public Optional<WithBans<TopicInBoard>> topicInBoard(TopicId id, Optional<UserId> viewer, Instant now) {
        return topics.topicInBoard(id, viewer, now);
    }

    @Override
    public Optional<WithBans<PostInTopic>> postInTopic(PostId id, Optional<UserId> viewer, Instant now) {
        return posts.postInTopic(id, viewer, now);
    }

    @Override
    public Optional<Topic> topicByExternalKey(BoardId board, String externalKey) {
        return topics.topicByExternalKey(board, externalKey);
    }

    @Override
    public List<Topic> topics(BoardId board, Optional<TopicCursor> after, int limit) {
        return topics.topics(board, after, limit);
    }

    @Override
    public Optional<Topic> mostRecentlyActiveTopic(BoardId board) {
        return topics.mostRecentlyActiveTopic(board);
    }

    @Override
    public StartedTopic insertTopic(NewTopic topic, NewPost opening) {
        checkWritable();
        return topics.insertTopic(topic, opening);
    }

    @Override
    public Topic updateTopicStatus(TopicId id, int pinLevel, boolean locked) {
        checkWritable();
        return topics.updateStatus(id, pinLevel, locked);
    }

    @Override
    public MovedTopic moveTopic(TopicId id, BoardId to) {
        checkWritable();
        return topics.moveTopic(id, to);
    }

    @Override
    public void addViews(Map<TopicId, Long> views) {
        checkWritable();
        topics.addViews(views);
    }

    // ---- posts, floors and quotes ----

    @Override
    public Optional<Post> post(PostId id) {
        return posts.post(id);
    }

    @Override
    public Optional<LastPost> newestVisiblePost(TopicId topic) {
        return posts.newestVisiblePost(topic);
    }

    @Override
    public Optional<PostInTopic> postInTopic(PostId id) {
        return posts.postInTopic(id);
    }

    @Override
    public Map<PostId, PostInTopic> postsInTopic(Collection<PostId> ids) {
        return posts.postsInTopic(ids);
    }

    @Override
    public List<Post> postsByFloors(TopicId topic, Collection<Integer> floors) {
        return posts.postsByFloors(topic, floors);
    }

    @Override
    public Optional<StoredTopicPage> topicPage(TopicId topic, TopicPageRequest request, Optional<UserId> viewer) {
        return posts.topicPage(topic, request, viewer);
    }

    @Override
    public Optional<StoredTopicPage> mostSupported(TopicId topic, MostSupportedRequest request, Optional<UserId> viewer) {
        return ranking.mostSupported(topic, request, viewer);
    }

    @Override
    public List<Post> pendingPosts(BoardId board, Optional<PostId> after, int limit) {
        return posts.pendingPosts(board, after, limit);
    }

    @Override
    public long pendingPostCount(BoardId board) {
        return posts.pendingPostCount(board);
    }

    @Override
    public Post appendReply(NewPost reply) {
        checkWritable();
        return posts.appendReply(reply);
    }

    @Override
    public Post appendReply(NewPost reply, List<IndexedTerm> searchTerms) {
        checkWritable();
        return posts.appendReply(reply, searchTerms, search);
    }

    @Override
    public Post editPost(PostId id, PostEdit edit) {
        checkWritable();
        return posts.editPost(id, edit);
    }

    @Override
    public Post changePostState(PostId id, PostState state) {
        checkWritable();
        return posts.changePostState(id, state);
    }

    // ---- votes ----

    @Override
    public Optional<VoteKind> vote(PostId post, UserId voter) {
        return votes.vote(post, voter);
    }

    @Override
    public Map<UserId, VoteKind> votes(PostId post) {
        return votes.votes(post);
    }

    @Override
    public VoteChange castVote(PostId id, UserId voter, VoteKind vote) {
        checkWritable();
        return votes.castVote(id, voter, vote);
    }

    // ---- reports ----

    @Override
    public Optional<Report> report(ReportId id) {
        return reports.report(id);
    }

    @Override
    public List<Report> openReports(BoardId board, Optional<ReportId> after, int limit) {
        return reports.openReports(board, after, limit);
    }

    @Override
    public long openReportCount(BoardId board) {
        return reports.openReportCount(board);
    }

    @Override
    public Map<PostId, Long> openReportersByPost(Collection<PostId> posts) {
        return reports.openReportersByPost(posts);
    }

    @Override
    public FiledReport fileReport(NewReport report) {
        checkWritable();
        return reports.fileReport(report);
    }

    @Override
    public List<Report> resolveReports(PostId post, Resolution resolution, Author by, String note, Instant at) {
        checkWritable();
        return reports.resolveReports(post, resolution, by, note, at);
    }

    // ---- bans ----

    @Override
    public Optional<Ban> ban(BanId id) {
        return bans.ban(id);
    }

    @Override
    public List<Ban> activeBans(UserId user, Optional<BoardId> board, Instant now) {
        return bans.activeBans(user, board, now);
    }

    @Override
    public Ban insertBan(NewBan ban) {
        checkWritable();
        return bans.insertBan(ban);
    }

    @Override
    public Ban liftBan(BanId id, Author by, Instant at) {
        checkWritable();
        return bans.liftBan(id, by, at);
    }

    // ---- notifications ----

    @Override
    public NotificationWriter notifications() {
        return notifications;
    }

    @Override
    public org.forumkit.spi.store.DeliveryWriter outbox() {
        return outbox;
    }

    // ---- audit ----

    @Override
    public List<AuditEntry> auditEntries(AuditFilter filter, Optional<AuditId> before, int limit) {
        return audit.auditEntries(filter, before, limit);
    }

    @Override
    public AuditEntry appendAudit(NewAuditEntry entry) {
        checkWritable();
        return audit.appendAudit(entry);
    }

    // ---- credits ----

    @Override
    public long creditBalance(UserId user) {
        return credits.balance(user);
    }

    @Override
    public List<CreditEntry> creditEntries(UserId user, Optional<CreditEntryId> before, int limit) {
        return credits.entries(user, before, limit);
    }

    @Override
    public long creditCount(UserId user, BoardId board, CreditEvent event, String cycleKey) {
        return credits.count(user, board, event, cycleKey);
    }

    @Override
    public long lockCreditBalance(UserId user) {
        checkWritable();
        return credits.lockBalance(user);
    }

    @Override
    public CreditEntry appendCredit(NewCreditEntry entry) {
        checkWritable();
        return credits.append(entry);
    }

    // ---- revisions ----

    @Override
    public List<PostRevision> revisions(PostId post) {
        return revisions.revisions(post);
    }

    @Override
    public PostRevision keepRevision(PostId id, Author replacedBy, Instant at) {
        checkWritable();
        return revisions.keepRevision(id, replacedBy, at);
    }

    // ---- posting windows ----

    @Override
    public PostingWindow lockPostingWindow(UserId user, BoardId board) {
        checkWritable();
        return postingWindows.lock(user, board);
    }

    @Override
    public void savePostingWindow(UserId user, BoardId board, PostingWindow window) {
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
        return importMap;
    }

    @Override
    public void afterCommit(Runnable action) {
        checkWritable();
        scope.afterCommit(Objects.requireNonNull(action, "action"));
    }
}
