package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.forumkit.Forum;
import org.forumkit.ForumSettings;
import org.forumkit.model.Board;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.Post;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.Viewer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A board's counters and last post live in 16 shard rows ({@code fk_board_counter}, V18), a reply writing its topic's
 * shard: replies to many topics of one board spread over the shards, and after concurrent replies from two app
 * nodes, deletes, restores and moves between boards, every reader of a board (by id and in the listing on both
 * nodes, a topic page's header, whose columns the reply's and vote's first read share) gives the counts the rows
 * say and the same last post.
 */
class BoardCounterShardsTest {
    private static final int TOPICS = 32;
    private static final int THREADS_PER_NODE = 4;
    private static final int REPLIES_PER_THREAD = 12;
    private static final Viewer.Member ADMIN = Viewer.user("admin", "管理员", "admin");
    private static final Viewer.Member MOD = Viewer.user("mod", "版主", "moderator");

    @Nested
    @Tag("h2")
    class OnH2 extends Cases {
        OnH2() {
            super(TestDatabase.H2);
        }
    }

    @Nested
    @Tag("postgresql")
    class OnPostgreSql extends Cases {
        OnPostgreSql() {
            super(TestDatabase.POSTGRESQL);
        }
    }

    @Nested
    @Tag("mariadb")
    class OnMariaDb extends Cases {
        OnMariaDb() {
            super(TestDatabase.MARIADB);
        }
    }

    private static Forum forum(JpaForumStore store) {
        return Forum.builder().store(store)
                .settings(ForumSettings.defaults().withViewWindow(Duration.ofMinutes(30))
                        .withViewFlushInterval(Duration.ZERO))
                .build();
    }

    /** The tests, run once per database by the nested classes above (one JUnit tag each). */
    abstract class Cases {
        final TestDatabase db;

        Cases(TestDatabase db) {
            this.db = db;
        }

        /**
         * Two replies to topics of one shard, the older post's shard update last: node one's reply has inserted its
         * post (so its id is the lower) when a newer reply to the other topic updates the shard and commits. The
         * shard keeps the newer post as the board's last post. On H2 the store sends the shard update as a statement
         * of its own, and node two's reply runs just before it; on PostgreSQL and MariaDB the post and the shard are
         * one statement or one procedure call, so a connection holds the shard row's lock until node one's reply
         * waits for it there, then writes the newer reply's rows itself (as a reply writes them) and commits.
         */
        @Test
        void anOlderPostUpdatingTheShardLastLeavesTheNewerAsTheBoardsLastPost() throws Exception {
            db.require().clean();
            try (TestDatabase.TwoNodes nodes = db.twoNodes(4);
                    Forum one = forum(nodes.storeOne()); Forum two = forum(nodes.storeTwo())) {
                Board category = one.boards().create(ADMIN, CreateBoard.category("c", "分类"));
                Board board = one.boards().create(ADMIN, CreateBoard.board(category.id(), "shard", "同一分片"));
                List<Topic> topics = new ArrayList<>();
                for (int i = 0; i <= BoardCounterEntity.SHARDS; i++) {
                    topics.add(one.topics().start(Viewer.user("starter", "楼主"),
                            StartTopic.of(board.id(), "主题 " + i, "一楼 " + i)));
                }
                Topic first = topics.get(0);
                Topic second = topics.stream().skip(1).filter(t -> BoardCounterEntity.shard(t.id().value())
                        == BoardCounterEntity.shard(first.id().value())).findFirst().orElseThrow();
                long olderId;
                long newerId;
                if (db == TestDatabase.H2) {
                    Post[] newer = {null};
                    boolean[] between = {false};
                    Post older = StatementCounter.beforeEach(sql -> {
                        if (!between[0] && sql.strip().toLowerCase(java.util.Locale.ROOT)
                                .startsWith("update fk_board_counter")) {
                            between[0] = true;
                            Thread other = new Thread(() -> newer[0] = two.posts().reply(Viewer.user("b", "乙"),
                                    Reply.to(second.id(), "后发先至")));
                            other.start();
                            try {
                                other.join(30_000);
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }, () -> one.posts().reply(Viewer.user("a", "甲"), Reply.to(first.id(), "先发后至")));
                    assertThat(between[0]).as("a separate shard update on H2").isTrue();
                    assertThat(newer[0]).as("the other node's reply committed").isNotNull();
                    olderId = older.id().value();
                    newerId = newer[0].id().value();
                } else {
                    long[] ids = newerReplyWhileTheShardIsLocked(board, first, second,
                            () -> one.posts().reply(Viewer.user("a", "甲"), Reply.to(first.id(), "先发后至")));
                    olderId = ids[0];
                    newerId = ids[1];
                }
                assertThat(olderId).isLessThan(newerId);
                for (Forum node : List.of(one, two)) {
                    Board read = node.boards().get(ADMIN, board.id());
                    assertThat(read.lastPost().postId().value()).isEqualTo(newerId);
                    assertThat(read.postCount()).isEqualTo(topics.size() + 2L);
                }
            }
        }

        private static long count(Connection c, String sql) throws SQLException {
            try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet row = s.executeQuery(sql)) {
                row.next();
                return row.getLong(1);
            }
        }

        /**
         * Holds {@code first}'s shard row, starts {@code olderReply} and waits until it waits for that row (its post
         * inserted); then writes a reply to {@code second} in SQL as the store does (post, topic, shard) and commits.
         * Returns the ids of the older and the newer post.
         */
        private long[] newerReplyWhileTheShardIsLocked(Board board, Topic first, Topic second,
                java.util.function.Supplier<Post> olderReply) throws Exception {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try (Connection c = db.dataSource().getConnection()) {
                c.setAutoCommit(false);
                try (java.sql.PreparedStatement lock = c.prepareStatement(
                        "SELECT post_count FROM fk_board_counter WHERE board_id = ? AND shard = ? FOR UPDATE")) {
                    lock.setLong(1, board.id().value());
                    lock.setInt(2, BoardCounterEntity.shard(first.id().value()));
                    lock.executeQuery().close();
                }
                Future<Post> older = pool.submit(olderReply::get);
                // PostgreSQL: its statement waits for a lock; MariaDB: its post row is in (a dirty read sees it),
                // so its id is allocated and the shard row, held here, is still ahead of it
                String waiting = db == TestDatabase.POSTGRESQL
                        ? "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                        + " AND datname = current_database()"
                        : "SELECT COUNT(*) FROM fk_post WHERE topic_id = " + first.id().value() + " AND floor = 2";
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                try (Connection watch = db.dataSource().getConnection()) {
                    watch.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
                    while (count(watch, waiting) == 0) {
                        assertThat(System.nanoTime()).as("node one's reply waits for the shard row")
                                .isLessThan(deadline);
                        assertThat(older.isDone()).as("node one's reply is still running").isFalse();
                        Thread.sleep(20);
                    }
                    watch.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                }
                long newer;
                try (java.sql.PreparedStatement post = c.prepareStatement("INSERT INTO fk_post (topic_id, floor,"
                        + " author_id, author_name, created_at, revision, body, format, html, renderer, state, support,"
                        + " oppose) VALUES (?, 2, 'b', '乙', CURRENT_TIMESTAMP(6), 1, '后发先至', 'PLAIN',"
                        + " '<p>后发先至</p>', 'test', 'VISIBLE', 0, 0)", java.sql.Statement.RETURN_GENERATED_KEYS)) {
                    post.setLong(1, second.id().value());
                    post.executeUpdate();
                    try (java.sql.ResultSet key = post.getGeneratedKeys()) {
                        key.next();
                        newer = key.getLong(1);
                    }
                }
                try (java.sql.PreparedStatement topic = c.prepareStatement("UPDATE fk_topic SET highest_floor = 2,"
                        + " replies = 1, last_post_at = CURRENT_TIMESTAMP(6), last_post_by_id = 'b',"
                        + " last_post_by_name = '乙' WHERE id = ?")) {
                    topic.setLong(1, second.id().value());
                    topic.executeUpdate();
                }
                try (java.sql.PreparedStatement shard = c.prepareStatement("UPDATE fk_board_counter SET"
                        + " post_count = post_count + 1, last_topic_id = ?, last_post_id = ?, last_post_floor = 2,"
                        + " last_post_author_id = 'b', last_post_author_name = '乙',"
                        + " last_post_at = CURRENT_TIMESTAMP(6) WHERE board_id = ? AND shard = ?")) {
                    shard.setLong(1, second.id().value());
                    shard.setLong(2, newer);
                    shard.setLong(3, board.id().value());
                    shard.setInt(4, BoardCounterEntity.shard(second.id().value()));
                    shard.executeUpdate();
                }
                c.commit();
                c.setAutoCommit(true);
                return new long[] {older.get(30, TimeUnit.SECONDS).id().value(), newer};
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void repliesFromTwoNodesSpreadOverShardsAndEveryCountStaysExact() throws Exception {
            db.require().clean();
            try (TestDatabase.TwoNodes nodes = db.twoNodes(THREADS_PER_NODE + 2);
                    Forum one = forum(nodes.storeOne()); Forum two = forum(nodes.storeTwo())) {
                Board category = one.boards().create(ADMIN, CreateBoard.category("c", "分类"));
                Board board = one.boards().create(ADMIN, CreateBoard.board(category.id(), "many", "很多主题"));
                Board other = two.boards().create(ADMIN, CreateBoard.board(category.id(), "other", "另一个"));
                try (Connection c = db.dataSource().getConnection()) {
                    assertThat(longs(c, "SELECT COUNT(*) FROM fk_board_counter WHERE board_id = ?", board))
                            .containsExactly(16L);
                }
                List<Topic> topics = new ArrayList<>();
                for (int i = 0; i < TOPICS; i++) {
                    Forum node = i % 2 == 0 ? one : two;
                    topics.add(node.topics().start(Viewer.user("starter-" + i, "楼主" + i),
                            StartTopic.of(board.id(), "主题 " + i, "一楼 " + i)));
                }

                List<Post> replies = replyConcurrently(List.of(one, two), topics);
                assertThat(replies).hasSize(2 * THREADS_PER_NODE * REPLIES_PER_THREAD);
                try (Connection c = db.dataSource().getConnection()) {
                    // 32 topics with consecutive ids: every one of the 16 shards took replies
                    assertThat(longs(c, "SELECT COUNT(*) FROM fk_board_counter WHERE board_id = ?"
                            + " AND post_count > 0 AND last_post_id IS NOT NULL", board)).containsExactly(16L);
                }
                Post newest = replies.stream().max((a, b) -> Long.compare(a.id().value(), b.id().value()))
                        .orElseThrow();
                assertExact(one, two, board, topics.get(0));
                assertThat(one.boards().get(ADMIN, board.id()).lastPost().postId()).isEqualTo(newest.id());

                // deletes and restores from both nodes, the newest reply among the deleted
                for (int i = 0; i < 20; i++) {
                    Forum node = i % 2 == 0 ? one : two;
                    node.posts().delete(MOD, replies.get(i * 3).id());
                }
                two.posts().delete(MOD, newest.id());
                for (int i = 0; i < 10; i++) {
                    Forum node = i % 2 == 0 ? two : one;
                    node.posts().restore(MOD, replies.get(i * 6).id());
                }
                assertExact(one, two, board, topics.get(1));
                assertExact(one, two, other, null);

                // moves: the topic holding the board's last post, and two others; each board's last post follows
                Topic holding = topics.stream().filter(t -> t.id().equals(
                        one.boards().get(ADMIN, board.id()).lastPost().topicId())).findFirst().orElseThrow();
                one.topics().move(MOD, holding.id(), other.id(), "移走");
                two.topics().move(MOD, topics.get(5).id(), other.id(), "移走");
                one.topics().move(MOD, topics.get(6).id(), other.id(), "移走");
                two.topics().move(MOD, topics.get(6).id(), board.id(), "移回");
                Board source = one.boards().get(ADMIN, board.id());
                Board target = two.boards().get(ADMIN, other.id());
                assertThat(source.lastPost().topicId()).isNotEqualTo(holding.id());
                assertThat(target.lastPost().topicId()).isIn(holding.id(), topics.get(5).id());
                try (Connection c = db.dataSource().getConnection()) {
                    // a last post set by a move is in one shard row only: the other 15 were cleared
                    assertThat(longs(c, "SELECT COUNT(*) FROM fk_board_counter WHERE board_id = ?"
                            + " AND last_post_id IS NOT NULL", other)).containsExactly(1L);
                }
                Topic stayed = topics.stream().filter(t -> !t.id().equals(holding.id())
                        && !t.id().equals(topics.get(5).id())).findFirst().orElseThrow();
                assertExact(one, two, board, stayed);
                assertExact(one, two, other, holding);

                // a reply after the moves is the last post of its board, whatever the other shards hold
                Post after = two.posts().reply(Viewer.user("late", "晚到"), Reply.to(stayed.id(), "最后一个"));
                assertThat(one.boards().get(ADMIN, board.id()).lastPost().postId()).isEqualTo(after.id());
                assertExact(one, two, board, stayed);
            }
        }

        /** {@link #THREADS_PER_NODE} writers on each node, each replying to random topics of the board at once. */
        private List<Post> replyConcurrently(List<Forum> forums, List<Topic> topics) throws Exception {
            List<Post> written = new CopyOnWriteArrayList<>();
            Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
            int threads = forums.size() * THREADS_PER_NODE;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Forum forum = forums.get(thread % forums.size());
                Viewer.Member writer = Viewer.user("writer-" + thread, "写手" + thread);
                done.add(pool.submit(() -> {
                    start.await();
                    Random random = new Random(thread);
                    for (int i = 0; i < REPLIES_PER_THREAD; i++) {
                        Topic topic = topics.get(random.nextInt(topics.size()));
                        try {
                            written.add(forum.posts().reply(writer, Reply.to(topic.id(), "回复 " + thread + "-" + i)));
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(failures).isEmpty();
            return List.copyOf(written);
        }

        /**
         * The board's topic and visible post counts as its rows give them, and the same counts and last post from
         * every reader: by id and in the listing on both nodes, and in the page header of {@code topic} (in it).
         */
        private void assertExact(Forum one, Forum two, Board board, Topic topic) throws SQLException {
            long topics;
            long posts;
            try (Connection c = db.dataSource().getConnection()) {
                topics = longs(c, "SELECT COUNT(*) FROM fk_topic WHERE board_id = ?", board).get(0);
                posts = longs(c, "SELECT COUNT(*) FROM fk_post p JOIN fk_topic t ON t.id = p.topic_id"
                        + " WHERE t.board_id = ? AND p.state = 'VISIBLE'", board).get(0);
            }
            Board byId = one.boards().get(ADMIN, board.id());
            assertThat(byId.topicCount()).as("topics").isEqualTo(topics);
            assertThat(byId.postCount()).as("posts").isEqualTo(posts);
            assertThat(two.boards().get(ADMIN, board.id())).isEqualTo(byId);
            assertThat(two.boards().list(ADMIN)).filteredOn(b -> b.id().equals(board.id())).containsExactly(byId);
            if (topic != null) {
                assertThat(one.topics().page(Viewer.anonymous(), topic.id(), TopicPageRequest.first(5)).board())
                        .isEqualTo(byId);
            }
        }
    }

    private static List<Long> longs(Connection c, String sql, Board board) throws SQLException {
        return TwoNodesTest.longs(c, sql, board.id().value());
    }
}
