package org.forumkit.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.memory.Tables.ExternalKey;
import org.forumkit.memory.Tables.PostingKey;
import org.forumkit.model.AuditEntry;
import org.forumkit.model.Author;
import org.forumkit.model.Ban;
import org.forumkit.model.BanId;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.BoardModeration;
import org.forumkit.model.CreditEntry;
import org.forumkit.model.CreditEntryId;
import org.forumkit.model.LastPost;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.PostRevision;
import org.forumkit.model.PostState;
import org.forumkit.model.Report;
import org.forumkit.model.Resolution;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.UserId;
import org.forumkit.model.VoteChange;
import org.forumkit.model.VoteKind;
import org.forumkit.spi.store.CounterDelta;
import org.forumkit.spi.store.DeliveryWriter;
import org.forumkit.spi.store.DuplicateKeyException;
import org.forumkit.spi.store.FiledReport;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.MovedTopic;
import org.forumkit.spi.store.NewAuditEntry;
import org.forumkit.spi.store.NewBan;
import org.forumkit.spi.store.NewBoard;
import org.forumkit.spi.store.NewCreditEntry;
import org.forumkit.spi.store.NewPost;
import org.forumkit.spi.store.NewReport;
import org.forumkit.spi.store.NewTopic;
import org.forumkit.spi.store.NotificationWriter;
import org.forumkit.spi.store.ImportMap;
import org.forumkit.spi.store.PostingWindow;
import org.forumkit.spi.store.PostEdit;
import org.forumkit.spi.store.SearchIndexWriter;
import org.forumkit.spi.store.StartedTopic;
import org.forumkit.spi.store.StoreTransaction;
import org.forumkit.spi.store.TransactionNesting;

/**
 * A thread-safe store that keeps everything in memory, with the semantics of a database: transactions are
 * serializable (one writer at a time, readers share), a failed transaction is rolled back through an undo
 * log, unique keys are enforced and only immutable values go in and out. It is the reference store for the
 * contract kit, tests and quick starts; its data is lost with the JVM.
 */
public final class InMemoryForumStore implements ForumStore {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final ThreadLocal<Session> current = new ThreadLocal<>();
    private final Tables db = new Tables();

    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
        Objects.requireNonNull(work, "work");
        Session joined = current.get();
        if (joined != null) {
            TransactionNesting.checkJoin(joined.writable, true);
            return work.run(joined);
        }
        lock.writeLock().lock();
        Session session = new Session(true);
        current.set(session);
        T result;
        try {
            result = work.run(session);
        } catch (RuntimeException | Error e) {
            session.log.rollback();
            throw e;
        } finally {
            current.remove();
            lock.writeLock().unlock();
        }
        session.afterCommit.forEach(Runnable::run);
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

    /** One transaction: reads see the store as it is; writes go through the undo log. */
    private final class Session extends TableReader implements StoreTransaction {
        private final boolean writable;
        private final UndoLog log = new UndoLog();
        private final List<Runnable> afterCommit = new ArrayList<>();
        private final MemoryModeration moderation;

        Session(boolean writable) {
            super(InMemoryForumStore.this.db);
            this.writable = writable;
            this.moderation = new MemoryModeration(db, log, writable);
        }

        private void checkWritable() {
            TransactionNesting.checkWritable(writable);
        }

        /** A topic's new version, moved in its board's listing when its pin level or last post time changed. */
        private void replaceTopic(Topic before, Topic after) {
            log.put(db.topics, after.id(), after);
            TreeSet<Topic> listing = db.listings.get(after.boardId());
            log.remove(listing, before);
            log.add(listing, after);
        }

        private Board existingBoard(BoardId id) {
            Board board = id == null ? null : db.boards.get(id);
            if (board == null) {
                throw new NotFoundException(Kind.BOARD, id);
            }
            return board;
        }

        private Topic existingTopic(TopicId id) {
            Topic topic = id == null ? null : db.topics.get(id);
            if (topic == null) {
                throw new NotFoundException(Kind.TOPIC, id);
            }
            return topic;
        }

        private Post existingPost(PostId id) {
            Post post = db.posts.get(id);
            if (post == null) {
                throw new NotFoundException(Kind.POST, id);
            }
            return post;
        }

        // ---- writes ----

        @Override
        public Board insertBoard(NewBoard board) {
            checkWritable();
            if (db.boardsBySlug.containsKey(board.slug())) {
                throw DuplicateKeyException.boardSlug(board.slug(), null);
            }
            if (board.parentId() != null) {
                existingBoard(board.parentId());
            }
            Board inserted = new Board(BoardId.of(++db.lastBoardId), board.parentId(), board.kind(), board.slug(),
                    board.name(), board.description(), board.position(), board.moderators(), board.topicTypes(),
                    board.policy(), 0, 0, null, board.moderation());
            log.put(db.boards, inserted.id(), inserted);
            log.put(db.boardsBySlug, inserted.slug(), inserted.id());
            log.put(db.listings, inserted.id(), new TreeSet<>(Topic.LISTING_ORDER));
            return inserted;
        }

        @Override
        public Board updateBoardModeration(BoardId id, BoardModeration moderation) {
            checkWritable();
            Board updated = Copies.withModeration(existingBoard(id), Objects.requireNonNull(moderation));
            log.put(db.boards, id, updated);
            return updated;
        }

        @Override
        public void setBoardLastPost(BoardId id, Optional<LastPost> lastPost) {
            checkWritable();
            Board board = existingBoard(id);
            log.put(db.boards, id, Copies.counted(board, board.topicCount(), board.postCount(), lastPost.orElse(null)));
        }

        @Override
        public StartedTopic insertTopic(NewTopic topic, NewPost opening) {
            checkWritable();
            Board board = existingBoard(topic.boardId());
            ExternalKey key = topic.externalKey() == null ? null : new ExternalKey(topic.boardId(), topic.externalKey());
            if (key != null && db.topicsByKey.containsKey(key)) {
                throw DuplicateKeyException.topicExternalKey(topic.boardId(), topic.externalKey(), null);
            }
            TopicId id = TopicId.of(++db.lastTopicId);
            Topic inserted = new Topic(id, topic.boardId(), topic.title(), topic.type(), topic.author(),
                    topic.createdAt(), 0, false, topic.externalKey(), 0, 0, 1, opening.createdAt(), opening.author());
            log.put(db.topics, id, inserted);
            if (key != null) {
                log.put(db.topicsByKey, key, id);
            }
            log.add(db.listings.get(topic.boardId()), inserted);
            log.put(db.floors, id, new ArrayList<>());
            log.put(db.floorsByAuthor, id, new HashMap<>());
            Post post = insertPost(inserted, 1, opening);
            CounterDelta counts = CounterDelta.ofNew(1, post.state());
            log.put(db.boards, board.id(), Copies.counted(board, board.topicCount() + 1, board.postCount() + counts.posts(),
                    post.isVisible() ? Copies.lastPostOf(post) : board.lastPost()));
            return new StartedTopic(inserted, post);
        }

        @Override
        public Post appendReply(NewPost reply) {
            checkWritable();
            Topic topic = existingTopic(reply.topicId());
            int floor = topic.highestFloor() + 1;
            Post post = insertPost(topic, floor, reply);
            CounterDelta counts = CounterDelta.ofNew(floor, post.state());
            boolean visible = post.isVisible();
            replaceTopic(topic, Copies.counted(topic, topic.views(), topic.replies() + counts.replies(), floor,
                    visible ? post.createdAt() : topic.lastPostAt(), visible ? post.author() : topic.lastPostBy()));
            if (visible) {
                Board board = db.boards.get(topic.boardId());
                log.put(db.boards, board.id(), Copies.counted(board, board.topicCount(),
                        board.postCount() + counts.posts(), Copies.lastPostOf(post)));
            }
            return post;
        }

        private Post insertPost(Topic topic, int floor, NewPost post) {
            Post inserted = new Post(PostId.of(++db.lastPostId), topic.id(), floor, post.author(), post.createdAt(), null,
                    1, post.body(), post.format(), post.html(), post.renderer(), post.state(), post.replyToFloor(),
                    0, 0, post.quotes());
            log.put(db.posts, inserted.id(), inserted);
            log.add(db.floors.get(topic.id()), inserted.id());
            log.put(log.child(db.floorsByAuthor.get(topic.id()), post.author().id(), TreeMap::new), floor, inserted.id());
            return inserted;
        }

        @Override
        public Topic updateTopicStatus(TopicId id, int pinLevel, boolean locked) {
            checkWritable();
            Topic topic = existingTopic(id);
            Topic updated = Copies.placed(topic, topic.boardId(), pinLevel, locked);
            replaceTopic(topic, updated);
            return updated;
        }

        @Override
        public MovedTopic moveTopic(TopicId id, BoardId to) {
            checkWritable();
            Topic topic = existingTopic(id);
            Board target = existingBoard(to);
            if (topic.boardId().equals(to)) {
                return new MovedTopic(topic, to);
            }
            ExternalKey newKey = topic.externalKey() == null ? null : new ExternalKey(to, topic.externalKey());
            if (newKey != null && db.topicsByKey.containsKey(newKey)) {
                throw DuplicateKeyException.topicExternalKey(to, topic.externalKey(), null);
            }
            Board source = db.boards.get(topic.boardId());
            long visible = db.floors.get(id).stream().map(db.posts::get).filter(Post::isVisible).count();
            Topic moved = Copies.placed(topic, to, topic.pinLevel(), topic.locked());
            log.put(db.topics, id, moved);
            log.remove(db.listings.get(source.id()), topic);
            log.add(db.listings.get(to), moved);
            if (newKey != null) {
                log.put(db.topicsByKey, new ExternalKey(source.id(), topic.externalKey()), null);
                log.put(db.topicsByKey, newKey, id);
            }
            log.put(db.boards, source.id(), Copies.counted(source, source.topicCount() - 1, source.postCount() - visible,
                    source.lastPost()));
            log.put(db.boards, to, Copies.counted(target, target.topicCount() + 1, target.postCount() + visible,
                    target.lastPost()));
            for (Report r : List.copyOf(db.reports.values())) {
                if (r.topicId().equals(id)) {
                    log.put(db.reports, r.id(), Copies.inBoard(r, to));
                }
            }
            return new MovedTopic(moved, source.id());
        }

        @Override
        public Post editPost(PostId id, PostEdit edit) {
            checkWritable();
            Post edited = Copies.edited(existingPost(id), edit);
            log.put(db.posts, id, edited);
            return edited;
        }

        @Override
        public Post changePostState(PostId id, PostState state) {
            checkWritable();
            Post post = existingPost(id);
            if (post.state() == state) {
                return post;
            }
            Post changed = Copies.withState(post, state);
            log.put(db.posts, id, changed);
            CounterDelta counts = CounterDelta.ofChange(post.floor(), post.state(), state);
            Topic topic = db.topics.get(post.topicId());
            if (counts.replies() != 0) {
                replaceTopic(topic, Copies.counted(topic, topic.views(), topic.replies() + counts.replies(),
                        topic.highestFloor(), topic.lastPostAt(), topic.lastPostBy()));
            }
            if (counts.posts() != 0) {
                Board board = db.boards.get(topic.boardId());
                log.put(db.boards, board.id(), Copies.counted(board, board.topicCount(), board.postCount() + counts.posts(),
                        board.lastPost()));
            }
            return changed;
        }

        @Override
        public VoteChange castVote(PostId id, UserId voter, VoteKind vote) {
            checkWritable();
            Post post = existingPost(id);
            Map<UserId, VoteKind> onPost = log.child(db.votes, id, LinkedHashMap::new);
            VoteKind before = onPost.get(voter);
            if (before != vote) {
                log.put(onPost, voter, vote);
                post = Copies.withVotes(post, post.support() + VoteKind.delta(before, vote, VoteKind.SUPPORT),
                        post.oppose() + VoteKind.delta(before, vote, VoteKind.OPPOSE));
                log.put(db.posts, id, post);
            }
            return new VoteChange(id, voter, before, vote, post.support(), post.oppose());
        }

        @Override
        public FiledReport fileReport(NewReport report) {
            return moderation.fileReport(report);
        }

        @Override
        public List<Report> resolveReports(PostId post, Resolution resolution, Author by, String note, Instant at) {
            return moderation.resolveReports(post, resolution, by, note, at);
        }

        @Override
        public PostRevision keepRevision(PostId id, Author replacedBy, Instant at) {
            checkWritable();
            Post post = existingPost(id);
            PostRevision revision = new PostRevision(id, post.revision(), post.body(), post.format(), replacedBy, at);
            TreeMap<Integer, PostRevision> ofPost = log.child(db.revisions, id, TreeMap::new);
            if (ofPost.containsKey(revision.revision())) {
                throw DuplicateKeyException.postRevision(id, revision.revision(), null);
            }
            log.put(ofPost, revision.revision(), revision);
            return revision;
        }

        @Override
        public long lockCreditBalance(UserId user) {
            checkWritable();
            return db.creditBalances.getOrDefault(user, 0L);
        }

        @Override
        public CreditEntry appendCredit(NewCreditEntry entry) {
            checkWritable();
            CreditEntry appended = new CreditEntry(CreditEntryId.of(db.credits.size() + 1L), entry.user(), entry.boardId(),
                    entry.event(), entry.amount(), entry.cycleKey(), entry.postId(), entry.at());
            log.add(db.credits, appended);
            log.put(db.creditBalances, entry.user(), db.creditBalances.getOrDefault(entry.user(), 0L) + entry.amount());
            return appended;
        }

        @Override
        public PostingWindow lockPostingWindow(UserId user, BoardId board) {
            checkWritable();
            // The store's single writer is the lock.
            return db.postingWindows.getOrDefault(new PostingKey(user, board), PostingWindow.EMPTY);
        }

        @Override
        public void savePostingWindow(UserId user, BoardId board, PostingWindow window) {
            checkWritable();
            log.put(db.postingWindows, new PostingKey(user, board), Objects.requireNonNull(window, "window"));
        }

        @Override
        public Ban insertBan(NewBan ban) {
            return moderation.insertBan(ban);
        }

        @Override
        public Ban liftBan(BanId id, Author by, Instant at) {
            return moderation.liftBan(id, by, at);
        }

        @Override
        public AuditEntry appendAudit(NewAuditEntry entry) {
            return moderation.appendAudit(entry);
        }

        @Override
        public void addViews(Map<TopicId, Long> views) {
            checkWritable();
            views.forEach((id, count) -> {
                Topic topic = db.topics.get(id);
                if (topic != null && count > 0) {
                    replaceTopic(topic, Copies.counted(topic, topic.views() + count, topic.replies(),
                            topic.highestFloor(), topic.lastPostAt(), topic.lastPostBy()));
                }
            });
        }

        @Override
        public NotificationWriter notifications() {
            return new MemoryInbox(db, log, writable);
        }

        @Override
        public DeliveryWriter outbox() {
            return new MemoryOutbox(db, log, writable);
        }

        @Override
        public ImportMap importMap() {
            return new MemoryImportMap(db, log, writable);
        }

        @Override
        public SearchIndexWriter searchIndex() {
            return new MemorySearchIndex(db, writable ? log : null);
        }

        @Override
        public void afterCommit(Runnable action) {
            checkWritable();
            afterCommit.add(Objects.requireNonNull(action, "action"));
        }
    }
}
