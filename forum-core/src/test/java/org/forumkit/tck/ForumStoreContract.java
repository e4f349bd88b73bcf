package org.forumkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.forumkit.tck.ForumFixtures.ADMIN;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ForumFixtures.ANONYMOUS;
import static org.forumkit.tck.ForumFixtures.BOB;
import static org.forumkit.tck.ForumFixtures.CAROL;
import static org.forumkit.tck.ForumFixtures.MOD;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.forumkit.Forum;
import org.forumkit.ForumSettings;
import org.forumkit.NotFoundException;
import org.forumkit.model.AuditAction;
import org.forumkit.model.AuditEntry;
import org.forumkit.model.AuditId;
import org.forumkit.model.Author;
import org.forumkit.model.Ban;
import org.forumkit.model.BanKind;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.BoardKind;
import org.forumkit.model.BoardModeration;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.CreditEntry;
import org.forumkit.model.CreditEvent;
import org.forumkit.model.CreditRule;
import org.forumkit.model.EditPost;
import org.forumkit.model.LastPost;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.PostRevision;
import org.forumkit.model.PostState;
import org.forumkit.model.QuoteStatus;
import org.forumkit.model.Report;
import org.forumkit.model.ReportPost;
import org.forumkit.model.ReportReason;
import org.forumkit.model.Resolution;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicCursor;
import org.forumkit.model.TopicId;
import org.forumkit.model.TopicPage;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.forumkit.model.VoteChange;
import org.forumkit.model.VoteKind;
import org.forumkit.spi.store.AuditFilter;
import org.forumkit.spi.CreditPolicy;
import org.forumkit.spi.store.DuplicateKeyException;
import org.forumkit.spi.store.MovedTopic;
import org.forumkit.spi.store.FiledReport;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.NewAuditEntry;
import org.forumkit.spi.store.NewBan;
import org.forumkit.spi.store.NewCreditEntry;
import org.forumkit.spi.store.NewPost;
import org.forumkit.spi.store.NewReport;
import org.forumkit.spi.store.NewTopic;
import org.forumkit.spi.store.PostingWindow;
import org.forumkit.spi.store.StoreReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The storage contract kit: every storage plugin extends this class, returns a fresh, empty store from
 * {@link #newStore()}, and must pass every test unchanged. The tests go through the public {@link Forum} API
 * where that is how the store is used, and through the SPI directly for what only a store can get wrong
 * (rollback, after-commit actions, unique keys).
 */
public abstract class ForumStoreContract {

    /** A fresh store with no data; called before every test. */
    protected abstract ForumStore newStore();

    /** How many threads the concurrency tests use; at least 8. */
    protected int threads() {
        return 8;
    }

    /** How many operations each thread performs in the concurrency tests. */
    protected int operationsPerThread() {
        return 25;
    }

    protected ForumStore store;
    protected MutableClock clock;
    protected Forum forum;
    protected ForumFixtures given;

    @BeforeEach
    void openForum() {
        store = newStore();
        clock = MutableClock.atSeedTime();
        forum = forumOn(store);
        given = new ForumFixtures(forum);
    }

    @AfterEach
    void closeForum() {
        // null when newStore() skipped the test (a server that cannot be reached): nothing was opened
        if (forum != null) {
            forum.close();
        }
    }

    /** A forum on {@code store} with this test's clock and views flushed only on demand. */
    protected Forum forumOn(ForumStore store) {
        return Forum.builder()
                .store(store)
                .clock(clock)
                .settings(ForumSettings.defaults().withViewWindow(Duration.ofMinutes(30))
                        .withViewFlushInterval(Duration.ZERO))
                .build();
    }

    private Instant tick() {
        return clock.advance(Duration.ofSeconds(1));
    }

    @Nested
    @DisplayName("Boards")
    class Boards {

        @Test
        @DisplayName("a board is stored with every field and zero counters, and found by id and by slug")
        void storesBoard() {
            Board category = forum.boards().create(ADMIN, CreateBoard.category("news", "新闻").at(2));
            Board board = forum.boards().create(ADMIN, CreateBoard.board(category.id(), "media", "新闻媒体")
                    .describedAs("媒体报道\n转载")
                    .moderatedBy(ForumFixtures.id(MOD), ForumFixtures.id(BOB))
                    .withTopicTypes("新闻媒体", "讨论"));

            Board read = store.readOnly((StoreReader reader) -> reader.board(board.id())).orElseThrow();
            assertThat(read).isEqualTo(board);
            assertThat(read.parentId()).isEqualTo(category.id());
            assertThat(read.kind()).isEqualTo(BoardKind.BOARD);
            assertThat(read.topicTypes()).containsExactly("新闻媒体", "讨论");
            assertThat(read.moderators()).containsExactlyInAnyOrder(ForumFixtures.id(MOD), ForumFixtures.id(BOB));
            assertThat(read.topicCount()).isZero();
            assertThat(read.postCount()).isZero();
            assertThat(read.lastPost()).isNull();
            assertThat(store.readOnly((StoreReader reader) -> reader.boardBySlug("media"))).contains(board);
            assertThat(store.readOnly((StoreReader reader) -> reader.boardBySlug("nope"))).isEmpty();
            assertThat(store.readOnly((StoreReader reader) -> reader.board(BoardId.of(999_999)))).isEmpty();
        }

        @Test
        @DisplayName("boards are listed by position, then by id")
        void ordersBoards() {
            Board b = forum.boards().create(ADMIN, CreateBoard.category("b", "B").at(1));
            Board a = forum.boards().create(ADMIN, CreateBoard.category("a", "A").at(1));
            Board first = forum.boards().create(ADMIN, CreateBoard.category("c", "C").at(0));

            assertThat(store.readOnly(StoreReader::boards)).extracting(Board::id)
                    .containsExactly(first.id(), b.id(), a.id());
        }

        @Test
        @DisplayName("a second board with the same slug is refused and leaves nothing behind")
        void uniqueSlug() {
            Board existing = forum.boards().create(ADMIN, CreateBoard.category("news", "新闻"));
            var duplicate = new org.forumkit.spi.store.NewBoard(null, BoardKind.CATEGORY, "news", "Other", "", 0,
                    java.util.Set.of(), List.of(), existing.policy());

            assertThatThrownBy(() -> store.inTransaction(tx -> tx.insertBoard(duplicate)))
                    .isInstanceOf(DuplicateKeyException.class)
                    .satisfies(e -> assertThat(((DuplicateKeyException) e).key()).isEqualTo("board.slug"));
            assertThat(store.readOnly(StoreReader::boards)).containsExactly(existing);
        }
    }

    @Nested
    @DisplayName("Topics and their opening post")
    class Topics {

        @Test
        @DisplayName("starting a topic stores it with floor 1 and moves the board's counters")
        void startsTopic() {
            Board board = given.board();
            Topic topic = forum.topics().start(ALICE, StartTopic.of(board.id(), "强化高水平崛起的民政服务保障", "正文")
                    .withType("新闻媒体"));

            Topic read = store.readOnly((StoreReader reader) -> reader.topic(topic.id())).orElseThrow();
            assertThat(read).isEqualTo(topic);
            assertThat(read.title()).isEqualTo("强化高水平崛起的民政服务保障");
            assertThat(read.type()).isEqualTo("新闻媒体");
            assertThat(read.author()).isEqualTo(new Author(ForumFixtures.id(ALICE), "Alice"));
            assertThat(read.highestFloor()).isEqualTo(1);
            assertThat(read.replies()).isZero();
            assertThat(read.views()).isZero();
            assertThat(read.lastPostAt()).isEqualTo(read.createdAt());

            List<Post> posts = given.allPosts(ALICE, topic);
            assertThat(posts).singleElement().satisfies(post -> {
                assertThat(post.floor()).isEqualTo(1);
                assertThat(post.body()).isEqualTo("正文");
                assertThat(post.revision()).isEqualTo(1);
                assertThat(post.state()).isEqualTo(PostState.VISIBLE);
            });
            Board after = given.reload(board);
            assertThat(after.topicCount()).isEqualTo(1);
            assertThat(after.postCount()).isEqualTo(1);
            assertThat(after.lastPost().postId()).isEqualTo(posts.get(0).id());
            assertThat(after.lastPost().floor()).isEqualTo(1);
        }

        @Test
        @DisplayName("an external key finds its topic; it is unique within a board but not across boards")
        void externalKeys() {
            Board one = given.board();
            Board two = given.board();
            Topic article = forum.topics().start(ALICE, StartTopic.of(one.id(), "Comments", "first")
                    .forExternalKey("article-42"));
            Topic elsewhere = forum.topics().start(ALICE, StartTopic.of(two.id(), "Comments", "first")
                    .forExternalKey("article-42"));

            assertThat(store.readOnly((StoreReader reader) -> reader.topicByExternalKey(one.id(), "article-42"))).contains(article);
            assertThat(store.readOnly((StoreReader reader) -> reader.topicByExternalKey(two.id(), "article-42"))).contains(elsewhere);
            assertThat(store.readOnly((StoreReader reader) -> reader.topicByExternalKey(one.id(), "article-43"))).isEmpty();

            NewTopic again = new NewTopic(one.id(), "Again", null, new Author(ForumFixtures.id(BOB), "Bob"), tick(),
                    "article-42");
            assertThatThrownBy(() -> store.inTransaction(tx -> tx.insertTopic(again, opening(again))))
                    .isInstanceOf(DuplicateKeyException.class)
                    .satisfies(e -> assertThat(((DuplicateKeyException) e).key()).isEqualTo("topic.externalKey"));
            assertThat(given.reload(one).topicCount()).isEqualTo(1);
        }

        @Test
        @DisplayName("a board lists its topics by newest activity, and a reply moves a topic to the top")
        void listingOrder() {
            Board board = given.board();
            Topic older = given.topic(board, ALICE);
            tick();
            Topic newer = given.topic(board, BOB);
            assertThat(store.readOnly((StoreReader reader) -> reader.topics(board.id(), Optional.empty(), 10)))
                    .extracting(Topic::id).containsExactly(newer.id(), older.id());

            tick();
            given.reply(older, CAROL, "顶");
            assertThat(store.readOnly((StoreReader reader) -> reader.topics(board.id(), Optional.empty(), 10)))
                    .extracting(Topic::id).containsExactly(older.id(), newer.id());
        }

        @Test
        @DisplayName("pinned topics list first, higher levels before lower, and a lock is stored")
        void pinAndLock() {
            Board board = given.board();
            Topic low = given.topic(board, ALICE);
            tick();
            Topic high = given.topic(board, ALICE);
            tick();
            Topic plain = given.topic(board, ALICE);
            forum.topics().pin(MOD, low.id(), 1);
            forum.topics().pin(MOD, high.id(), 2);
            Topic locked = forum.topics().lock(MOD, plain.id(), true);

            assertThat(locked.locked()).isTrue();
            assertThat(store.readOnly((StoreReader reader) -> reader.topic(plain.id())).orElseThrow().locked()).isTrue();
            assertThat(store.readOnly((StoreReader reader) -> reader.topics(board.id(), Optional.empty(), 10)))
                    .isSortedAccordingTo(Topic.LISTING_ORDER)
                    .extracting(Topic::id).containsExactly(high.id(), low.id(), plain.id());
            var firstTwo = forum.boards().topics(ALICE, board.id(), PageRequest.first(2));
            assertThat(forum.boards().topics(ALICE, board.id(), PageRequest.after(firstTwo.next(), 2)).items())
                    .extracting(Topic::id).containsExactly(plain.id());
        }

        @Test
        @DisplayName("cursor paging walks a board's listing without skipping or repeating, even on equal times")
        void cursorPaging() {
            Board board = given.board();
            List<TopicId> started = new ArrayList<>();
            for (int i = 0; i < 23; i++) {
                if (i % 4 == 0) {
                    tick(); // several topics share each timestamp: the id breaks the tie
                }
                started.add(given.topic(board, ALICE).id());
            }
            List<TopicId> walked = new ArrayList<>();
            List<Topic> walkedTopics = new ArrayList<>();
            PageRequest<TopicCursor> request = PageRequest.first(5);
            while (request != null) {
                var page = forum.boards().topics(ALICE, board.id(), request);
                page.items().forEach(t -> walked.add(t.id()));
                walkedTopics.addAll(page.items());
                request = page.optionalNext().map(c -> PageRequest.after(TopicCursor.parse(c.token()), 5)).orElse(null);
            }

            List<TopicId> expected = new ArrayList<>(started);
            Collections.reverse(expected);
            assertThat(walked).containsExactlyElementsOf(expected);
            assertThat(walkedTopics).isSortedAccordingTo(Topic.LISTING_ORDER);
        }
    }

    @Nested
    @DisplayName("Floors")
    class Floors {

        @Test
        @DisplayName("replies take floors 2, 3, … and move the topic's and board's counters")
        void sequentialFloors() {
            Board board = given.board();
            Topic topic = given.topic(board, ALICE);
            tick();
            Post second = given.reply(topic, BOB, "沙发");
            Instant lastAt = tick();
            Post third = given.reply(topic, CAROL, "板凳");

            assertThat(second.floor()).isEqualTo(2);
            assertThat(third.floor()).isEqualTo(3);
            Topic after = given.reload(topic);
            assertThat(after.highestFloor()).isEqualTo(3);
            assertThat(after.replies()).isEqualTo(2);
            assertThat(after.lastPostAt()).isEqualTo(lastAt);
            assertThat(after.lastPostBy().id()).isEqualTo(ForumFixtures.id(CAROL));
            Board b = given.reload(board);
            assertThat(b.postCount()).isEqualTo(3);
            assertThat(b.lastPost().postId()).isEqualTo(third.id());
        }

        @Test
        @DisplayName("a page is a floor range at any depth, and 'only this author' filters by floor")
        void floorRanges() {
            Topic topic = given.topic();
            for (int i = 2; i <= 60; i++) {
                given.reply(topic, i % 3 == 0 ? BOB : CAROL, "floor " + i);
            }
            TopicPage deep = forum.topics().page(BOB, topic.id(), TopicPageRequest.page(3, 20));
            assertThat(deep.posts()).extracting(Post::floor)
                    .containsExactlyElementsOf(IntStream.rangeClosed(41, 60).boxed().toList());
            assertThat(deep.optionalNext()).isEmpty();
            assertThat(forum.topics().page(BOB, topic.id(), TopicPageRequest.page(2, 20)).optionalNext()).contains(41);

            TopicPage bobs = forum.topics().page(BOB, topic.id(),
                    TopicPageRequest.from(10, 5).onlyBy(ForumFixtures.id(BOB)));
            assertThat(bobs.posts()).extracting(Post::floor).containsExactly(12, 15, 18, 21, 24);
            assertThat(bobs.optionalNext()).contains(27);
        }

        @Test
        @DisplayName("a deleted post keeps its floor, shows as a placeholder and stops counting; restoring undoes it")
        void deletedKeepsFloor() {
            Board board = given.board();
            Topic topic = given.topic(board, ALICE);
            Post doomed = given.reply(topic, BOB, "要删除的内容");
            given.reply(topic, CAROL, "after");

            forum.posts().delete(BOB, doomed.id());
            assertThat(given.reload(topic).replies()).isEqualTo(1);
            assertThat(given.reload(board).postCount()).isEqualTo(2);
            List<Post> seen = given.allPosts(CAROL, topic);
            assertThat(seen).extracting(Post::floor).containsExactly(1, 2, 3);
            assertThat(seen.get(1).state()).isEqualTo(PostState.DELETED);
            assertThat(seen.get(1).body()).isEmpty();
            assertThat(given.reply(topic, ALICE, "next").floor()).isEqualTo(4);

            forum.posts().restore(MOD, doomed.id());
            assertThat(given.reload(topic).replies()).isEqualTo(3);
            assertThat(given.reload(board).postCount()).isEqualTo(4);
        }

        @Test
        @DisplayName("a pending post takes a floor but no count until it becomes visible")
        void pendingPost() {
            Board board = given.board();
            Topic topic = given.topic(board, ALICE);
            Post pending = store.inTransaction(tx -> tx.appendReply(reply(topic.id(), BOB, PostState.PENDING)));

            assertThat(pending.floor()).isEqualTo(2);
            assertThat(given.reload(topic).replies()).isZero();
            assertThat(given.reload(topic).highestFloor()).isEqualTo(2);
            assertThat(given.reload(board).postCount()).isEqualTo(1);
            assertThat(given.allPosts(CAROL, topic)).extracting(Post::floor).containsExactly(1);
            assertThat(given.allPosts(BOB, topic)).extracting(Post::floor).containsExactly(1, 2);

            store.inTransaction(tx -> tx.changePostState(pending.id(), PostState.VISIBLE));
            assertThat(given.reload(topic).replies()).isEqualTo(1);
            assertThat(given.reload(board).postCount()).isEqualTo(2);
        }

        @Test
        @DisplayName("concurrent replies to one topic get floors 1..n with no gap or duplicate and exact counts")
        void concurrentReplies() throws Exception {
            Board board = given.board();
            Topic topic = given.topic(board, ALICE);
            List<Viewer.Member> writers = IntStream.range(0, threads())
                    .mapToObj(i -> Viewer.user("writer-" + i, "写手" + i)).toList();

            runConcurrently(writers.size(), (thread, op) ->
                    forum.posts().reply(writers.get(thread), Reply.to(topic.id(), "回复 " + thread + "-" + op)));

            int expected = 1 + threads() * operationsPerThread();
            List<Post> posts = given.allPosts(ALICE, topic);
            assertThat(posts).extracting(Post::floor)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, expected).boxed().toList());
            Topic after = given.reload(topic);
            assertThat(after.highestFloor()).isEqualTo(expected);
            assertThat(after.replies()).isEqualTo(expected - 1);
            assertThat(given.reload(board).postCount()).isEqualTo(expected);
        }
    }

    @Nested
    @DisplayName("Votes")
    class Votes {

        @Test
        @DisplayName("casting, changing and retracting a vote move both counts and keep one row per voter")
        void voteLifecycle() {
            Topic topic = given.topic();
            Post post = given.reply(topic, BOB, "观点");

            assertThat(forum.votes().cast(ALICE, post.id(), VoteKind.SUPPORT))
                    .isEqualTo(new VoteChange(post.id(), ForumFixtures.id(ALICE), null, VoteKind.SUPPORT, 1, 0));
            assertThat(forum.votes().cast(CAROL, post.id(), VoteKind.SUPPORT).support()).isEqualTo(2);
            VoteChange changed = forum.votes().cast(ALICE, post.id(), VoteKind.OPPOSE);
            assertThat(changed.before()).isEqualTo(VoteKind.SUPPORT);
            assertThat(changed.support()).isEqualTo(1);
            assertThat(changed.oppose()).isEqualTo(1);
            VoteChange same = forum.votes().cast(ALICE, post.id(), VoteKind.OPPOSE);
            assertThat(same.changed()).isFalse();
            assertThat(same.oppose()).isEqualTo(1);
            VoteChange retracted = forum.votes().retract(CAROL, post.id());
            assertThat(retracted.after()).isNull();
            assertThat(retracted.support()).isZero();

            assertThat(store.readOnly((StoreReader reader) -> reader.votes(post.id())))
                    .isEqualTo(Map.of(ForumFixtures.id(ALICE), VoteKind.OPPOSE));
            assertThat(store.readOnly((StoreReader reader) -> reader.vote(post.id(), ForumFixtures.id(ALICE))))
                    .contains(VoteKind.OPPOSE);
            assertThat(store.readOnly((StoreReader reader) -> reader.vote(post.id(), ForumFixtures.id(CAROL)))).isEmpty();
            Post read = store.readOnly((StoreReader reader) -> reader.post(post.id())).orElseThrow();
            assertThat(read.support()).isZero();
            assertThat(read.oppose()).isEqualTo(1);
        }

        @Test
        @DisplayName("a page carries the viewer's bans in its board or everywhere, and nobody else's")
        void pageCarriesBans() {
            Board board = given.board();
            Board other = given.board();
            Topic topic = given.topic(board, ALICE);
            var here = forum.bans().ban(MOD, org.forumkit.model.BanUser.inBoard(ForumFixtures.id(BOB), board.id(),
                    org.forumkit.model.BanKind.MUTE, null, "刷屏"));
            var everywhere = forum.bans().ban(MOD, org.forumkit.model.BanUser.everywhere(ForumFixtures.id(BOB),
                    org.forumkit.model.BanKind.BAN, java.time.Duration.ofDays(1), "广告"));
            forum.bans().ban(MOD, org.forumkit.model.BanUser.inBoard(ForumFixtures.id(BOB), other.id(),
                    org.forumkit.model.BanKind.BAN, null, "elsewhere"));
            forum.bans().ban(MOD, org.forumkit.model.BanUser.inBoard(ForumFixtures.id(CAROL), board.id(),
                    org.forumkit.model.BanKind.BAN, null, "not bob"));

            var page = store.readOnly((StoreReader reader) -> reader.topicPage(topic.id(), TopicPageRequest.first(5),
                    Optional.of(ForumFixtures.id(BOB)))).orElseThrow();
            assertThat(page.viewerBans()).extracting(b -> b.id()).containsExactly(here.id(), everywhere.id());
            assertThat(store.readOnly((StoreReader reader) -> reader.topicPage(topic.id(), TopicPageRequest.first(5),
                    Optional.empty())).orElseThrow().viewerBans()).isEmpty();

            forum.bans().lift(MOD, here.id(), "改正了");
            assertThat(store.readOnly((StoreReader reader) -> reader.topicPage(topic.id(), TopicPageRequest.first(5),
                    Optional.of(ForumFixtures.id(BOB)))).orElseThrow().viewerBans())
                    .extracting(b -> b.id()).containsExactly(everywhere.id());
            assertThat(forum.topics().page(BOB, topic.id(), TopicPageRequest.first(5)).permissions().reply().reason())
                    .isEqualTo(org.forumkit.model.DenialReason.BANNED);
        }

        @Test
        @DisplayName("a page read on its own is the page read in a read-only transaction, for every viewer and range")
        void pageOnItsOwn() {
            Board board = given.board();
            Topic topic = given.topic(board, ALICE);
            given.reply(topic, BOB, "第二楼的内容");
            Post three = forum.posts().reply(CAROL, Reply.to(topic.id(), "都同意").quoting(2, "第二楼").quoting(1));
            given.reply(topic, ALICE, "第四楼");
            forum.votes().cast(BOB, three.id(), VoteKind.SUPPORT);
            // Two bans at once: a store that joins the bans to the posts must still give each post and quote once.
            forum.bans().ban(MOD, org.forumkit.model.BanUser.inBoard(ForumFixtures.id(BOB), board.id(),
                    org.forumkit.model.BanKind.MUTE, null, "刷屏"));
            forum.bans().ban(MOD, org.forumkit.model.BanUser.everywhere(ForumFixtures.id(BOB),
                    org.forumkit.model.BanKind.BAN, java.time.Duration.ofDays(1), "广告"));

            for (Optional<UserId> viewer : List.of(Optional.of(ForumFixtures.id(BOB)), Optional.<UserId>empty(),
                    Optional.of(ForumFixtures.id(CAROL)))) {
                for (TopicPageRequest request : List.of(TopicPageRequest.first(20), TopicPageRequest.from(3, 1),
                        TopicPageRequest.from(2, 2), TopicPageRequest.from(50, 20),
                        TopicPageRequest.first(20).onlyBy(ForumFixtures.id(CAROL)))) {
                    var alone = store.topicPage(topic.id(), request, viewer);
                    assertThat(alone).as("%s for %s", request, viewer)
                            .isEqualTo(store.readOnly((StoreReader reader) -> reader.topicPage(topic.id(), request,
                                    viewer)));
                }
            }
            var bobs = store.topicPage(topic.id(), TopicPageRequest.first(20), Optional.of(ForumFixtures.id(BOB)))
                    .orElseThrow();
            assertThat(bobs.viewerBans()).hasSize(2);
            assertThat(bobs.posts()).extracting(Post::floor).containsExactly(1, 2, 3, 4);
            assertThat(bobs.posts().get(2).quotes()).isEqualTo(three.quotes()).hasSize(2);
            assertThat(bobs.viewerVotes()).isEqualTo(Map.of(three.id(), VoteKind.SUPPORT));
            assertThat(store.topicPage(topic.id(), TopicPageRequest.from(50, 20), Optional.empty()).orElseThrow()
                    .posts()).isEmpty();
            assertThat(store.topicPage(TopicId.of(777_777), TopicPageRequest.first(20), Optional.empty())).isEmpty();
        }

        @Test
        @DisplayName("a page carries the viewer's own votes")
        void pageCarriesVotes() {
            Topic topic = given.topic();
            Post post = given.reply(topic, BOB, "观点");
            forum.votes().cast(ALICE, post.id(), VoteKind.SUPPORT);
            forum.votes().cast(CAROL, post.id(), VoteKind.OPPOSE);

            TopicPage page = forum.topics().page(ALICE, topic.id(), TopicPageRequest.first(20));
            assertThat(page.myVotes()).isEqualTo(Map.of(post.id(), VoteKind.SUPPORT));
            assertThat(forum.topics().page(ANONYMOUS, topic.id(), TopicPageRequest.first(20)).myVotes()).isEmpty();
        }

        @Test
        @DisplayName("concurrent voting, changing and retracting on one post ends with counts equal to the vote rows")
        void concurrentVotes() throws Exception {
            Topic topic = given.topic();
            Post post = given.reply(topic, BOB, "热帖");
            // Fewer voters than threads: two transactions often race on the same voter's first vote.
            List<Viewer.Member> voters = IntStream.range(0, Math.max(2, threads() / 2))
                    .mapToObj(i -> Viewer.user("voter-" + i, "投票人" + i)).toList();

            runConcurrently(threads(), (thread, op) -> {
                Random random = new Random(31L * thread + op);
                Viewer.Member voter = voters.get(random.nextInt(voters.size()));
                return switch (random.nextInt(3)) {
                    case 0 -> forum.votes().cast(voter, post.id(), VoteKind.SUPPORT);
                    case 1 -> forum.votes().cast(voter, post.id(), VoteKind.OPPOSE);
                    default -> forum.votes().retract(voter, post.id());
                };
            });

            Map<UserId, VoteKind> rows = store.readOnly((StoreReader reader) -> reader.votes(post.id()));
            Post read = store.readOnly((StoreReader reader) -> reader.post(post.id())).orElseThrow();
            assertThat(read.support()).isEqualTo(rows.values().stream().filter(VoteKind.SUPPORT::equals).count());
            assertThat(read.oppose()).isEqualTo(rows.values().stream().filter(VoteKind.OPPOSE::equals).count());
        }
    }

    @Nested
    @DisplayName("Quotes")
    class Quotes {

        @Test
        @DisplayName("a topic reads with its board, and a post with its topic and board")
        void contextReads() {
            Board board = given.board();
            Topic topic = given.topic(board, ALICE);
            Post reply = given.reply(topic, BOB, "回复");
            var inBoard = store.readOnly((StoreReader reader) -> reader.topicInBoard(topic.id())).orElseThrow();
            assertThat(inBoard.topic()).isEqualTo(given.reload(topic));
            assertThat(inBoard.board()).isEqualTo(given.reload(board));
            var inTopic = store.readOnly((StoreReader reader) -> reader.postInTopic(reply.id())).orElseThrow();
            assertThat(inTopic.post()).isEqualTo(reply);
            assertThat(inTopic.topic()).isEqualTo(given.reload(topic));
            assertThat(inTopic.board()).isEqualTo(given.reload(board));
            assertThat(store.readOnly((StoreReader reader) -> reader.topicInBoard(TopicId.of(777_777)))).isEmpty();
            assertThat(store.readOnly((StoreReader reader) -> reader.postInTopic(
                    org.forumkit.model.PostId.of(777_777)))).isEmpty();
        }

        @Test
        @DisplayName("postsByFloors returns the wanted floors in floor order and leaves out missing ones")
        void postsByFloors() {
            Topic topic = given.topic();
            Post two = given.reply(topic, BOB, "二");
            Post three = given.reply(topic, CAROL, "三");
            assertThat(store.readOnly((StoreReader reader) -> reader.postsByFloors(topic.id(), List.of(3, 9, 2, 3))))
                    .containsExactly(two, three);
            assertThat(store.readOnly((StoreReader reader) -> reader.postsByFloors(topic.id(), List.of()))).isEmpty();
        }

        @Test
        @DisplayName("several quotes keep their order, and the page reads every quoted source's state")
        void severalQuotes() {
            Topic topic = given.topic();
            Post two = given.reply(topic, BOB, "第二楼的内容");
            Post reply = forum.posts().reply(CAROL, Reply.to(topic.id(), "都同意").quoting(2, "第二楼").quoting(1));
            assertThat(reply.quotes()).extracting(q -> q.sourceFloor()).containsExactly(2, 1);

            var stored = store.readOnly((StoreReader reader) -> reader.topicPage(topic.id(),
                    TopicPageRequest.from(3, 1), Optional.empty())).orElseThrow();
            assertThat(stored.posts()).singleElement().satisfies(p -> assertThat(p.quotes()).isEqualTo(reply.quotes()));
            assertThat(stored.quoteSources()).containsOnlyKeys(two.id(), reply.quotes().get(1).sourcePostId());
        }

        @Test
        @DisplayName("a quote snapshot is stored with the reply and never changes when the source is edited or deleted")
        void snapshotIsStable() {
            Topic topic = given.topic();
            Post source = given.reply(topic, BOB, "四是加强社会工作专业人才队伍建设，提高社会事务管理和社会服务水平。");
            Post reply = forum.posts().reply(CAROL, Reply.to(topic.id(), "希望该培训真的能系统落实~")
                    .quoting(source.floor(), "四是加强社会工作专业人才队伍建设"));

            TopicPage page = forum.topics().page(ALICE, topic.id(), TopicPageRequest.first(20));
            Post shown = page.posts().get(2);
            assertThat(shown.id()).isEqualTo(reply.id());
            assertThat(shown.quotes()).singleElement().satisfies(q -> {
                assertThat(q.sourcePostId()).isEqualTo(source.id());
                assertThat(q.sourceFloor()).isEqualTo(2);
                assertThat(q.sourceAuthor().displayName()).isEqualTo("鲍勃");
                assertThat(q.sourcePostedAt()).isEqualTo(source.createdAt());
                assertThat(q.excerpt()).isEqualTo("四是加强社会工作专业人才队伍建设");
            });
            assertThat(page.statusOf(shown.quotes().get(0))).isEqualTo(QuoteStatus.UNCHANGED);

            forum.posts().edit(BOB, EditPost.of(source.id(), "改过了"));
            page = forum.topics().page(ALICE, topic.id(), TopicPageRequest.first(20));
            assertThat(page.posts().get(2).quotes()).isEqualTo(shown.quotes());
            assertThat(page.statusOf(shown.quotes().get(0))).isEqualTo(QuoteStatus.SOURCE_EDITED);

            forum.posts().delete(MOD, source.id());
            page = forum.topics().page(ALICE, topic.id(), TopicPageRequest.first(20));
            assertThat(page.posts().get(2).quotes()).isEqualTo(shown.quotes());
            assertThat(page.statusOf(shown.quotes().get(0))).isEqualTo(QuoteStatus.SOURCE_GONE);
        }
    }

    @Nested
    @DisplayName("Edits")
    class Edits {

        @Test
        @DisplayName("an edit replaces the body and rendering, stamps the time and bumps the revision")
        void edit() {
            Topic topic = given.topic();
            Post post = given.reply(topic, BOB, "原文");
            Instant at = tick();

            Post edited = forum.posts().edit(BOB, EditPost.of(post.id(), "新的 <内容>"));

            assertThat(edited.revision()).isEqualTo(2);
            assertThat(edited.editedAt()).isEqualTo(at);
            assertThat(edited.body()).isEqualTo("新的 <内容>");
            assertThat(edited.html()).isEqualTo("<p>新的 &lt;内容&gt;</p>");
            assertThat(edited.floor()).isEqualTo(post.floor());
            assertThat(store.readOnly((StoreReader reader) -> reader.post(post.id()))).contains(edited);
        }
    }

    @Nested
    @DisplayName("Moderation")
    class Moderation {

        @Test
        @DisplayName("a board's moderation settings are stored at creation and replaced by an update")
        void boardModeration() {
            Board board = given.board(BoardModeration.exceptRoles("vip", "vvip"));
            Board read = store.readOnly((StoreReader reader) -> reader.board(board.id())).orElseThrow();
            assertThat(read.moderation()).isEqualTo(BoardModeration.exceptRoles("vip", "vvip"));
            assertThat(read).isEqualTo(board);

            Board updated = store.inTransaction(tx -> tx.updateBoardModeration(board.id(), BoardModeration.everyone()));
            assertThat(updated.moderation()).isEqualTo(BoardModeration.everyone());
            assertThat(given.reload(board)).isEqualTo(updated);
            assertThat(given.reload(given.board()).moderation()).isEqualTo(BoardModeration.OFF);
            assertThatThrownBy(() -> store.inTransaction(tx -> tx.updateBoardModeration(BoardId.of(999_999),
                    BoardModeration.OFF))).isInstanceOf(NotFoundException.class);
        }

        @Test
        @DisplayName("a board's pending posts are listed oldest first after a cursor and counted, other boards' not")
        void pendingQueue() {
            Board board = given.board();
            Board other = given.board();
            Topic topic = given.topic(board, ALICE);
            Topic second = given.topic(board, BOB);
            Post a = store.inTransaction(tx -> tx.appendReply(reply(topic.id(), BOB, PostState.PENDING)));
            store.inTransaction(tx -> tx.appendReply(reply(topic.id(), BOB, PostState.VISIBLE)));
            Post b = store.inTransaction(tx -> tx.appendReply(reply(second.id(), CAROL, PostState.PENDING)));
            Post c = store.inTransaction(tx -> tx.appendReply(reply(topic.id(), CAROL, PostState.PENDING)));
            Post gone = store.inTransaction(tx -> tx.appendReply(reply(topic.id(), CAROL, PostState.PENDING)));
            store.inTransaction(tx -> tx.changePostState(gone.id(), PostState.DELETED));
            store.inTransaction(tx -> tx.appendReply(reply(given.topic(other, ALICE).id(), BOB, PostState.PENDING)));

            assertThat(store.readOnly((StoreReader reader) -> reader.pendingPosts(board.id(), Optional.empty(), 10)))
                    .extracting(Post::id).containsExactly(a.id(), b.id(), c.id());
            assertThat(store.readOnly((StoreReader reader) -> reader.pendingPosts(board.id(), Optional.of(a.id()), 1)))
                    .containsExactly(b);
            assertThat(store.readOnly((StoreReader reader) -> reader.pendingPostCount(board.id()))).isEqualTo(3);
            assertThat(store.readOnly((StoreReader reader) -> reader.pendingPostCount(other.id()))).isEqualTo(1);

            store.inTransaction(tx -> tx.changePostState(b.id(), PostState.VISIBLE));
            assertThat(store.readOnly((StoreReader reader) -> reader.pendingPosts(board.id(), Optional.empty(), 10)))
                    .extracting(Post::id).containsExactly(a.id(), c.id());
            assertThat(given.reload(second).replies()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("Reports")
    class Reports {

        private NewReport report(Post post, Topic topic, Viewer.Member reporter, ReportReason reason, String text) {
            return new NewReport(post.id(), topic.id(), topic.boardId(), new Author(reporter.id(), reporter.displayName()),
                    reason, text, tick());
        }

        @Test
        @DisplayName("a report is stored open with every field; a repeat by the same user replaces it, others add one")
        void fileAndRepeat() {
            Topic topic = given.topic();
            Post post = given.reply(topic, BOB, "广告");
            FiledReport first = store.inTransaction(tx -> tx.fileReport(report(post, topic, CAROL, ReportReason.SPAM, "")));
            assertThat(first.created()).isTrue();
            assertThat(first.openReporters()).isEqualTo(1);
            Report stored = first.report();
            assertThat(stored.isOpen()).isTrue();
            assertThat(stored.postId()).isEqualTo(post.id());
            assertThat(stored.boardId()).isEqualTo(topic.boardId());
            assertThat(stored.reporter().id()).isEqualTo(CAROL.id());
            assertThat(store.readOnly((StoreReader reader) -> reader.report(stored.id()))).contains(stored);

            FiledReport repeat = store.inTransaction(tx -> tx.fileReport(report(post, topic, CAROL, ReportReason.OTHER,
                    "其实是辱骂😀")));
            assertThat(repeat.created()).isFalse();
            assertThat(repeat.openReporters()).isEqualTo(1);
            assertThat(repeat.report().id()).isEqualTo(stored.id());
            assertThat(repeat.report().reason()).isEqualTo(ReportReason.OTHER);
            assertThat(repeat.report().text()).isEqualTo("其实是辱骂😀");
            assertThat(repeat.report().createdAt()).isEqualTo(stored.createdAt());
            assertThat(repeat.report().updatedAt()).isAfter(stored.updatedAt());

            FiledReport other = store.inTransaction(tx -> tx.fileReport(report(post, topic, ALICE, ReportReason.ABUSE, "")));
            assertThat(other.created()).isTrue();
            assertThat(other.openReporters()).isEqualTo(2);
            assertThat(store.readOnly((StoreReader reader) -> reader.openReportersByPost(List.of(post.id()))))
                    .isEqualTo(Map.of(post.id(), 2L));
        }

        @Test
        @DisplayName("resolving closes every open report of a post with who, how, why and when; a new report opens again")
        void resolve() {
            Topic topic = given.topic();
            Post post = given.reply(topic, BOB, "广告");
            Post other = given.reply(topic, BOB, "正常");
            store.inTransaction(tx -> tx.fileReport(report(post, topic, CAROL, ReportReason.SPAM, "")));
            store.inTransaction(tx -> tx.fileReport(report(post, topic, ALICE, ReportReason.SPAM, "")));
            store.inTransaction(tx -> tx.fileReport(report(other, topic, ALICE, ReportReason.SPAM, "")));
            Author mod = new Author(MOD.id(), MOD.displayName());
            Instant at = tick();

            List<Report> resolved = store.inTransaction(tx -> tx.resolveReports(post.id(), Resolution.DELETE_POST, mod,
                    "广告帖", at));
            assertThat(resolved).hasSize(2).allSatisfy(r -> {
                assertThat(r.isOpen()).isFalse();
                assertThat(r.resolution()).isEqualTo(Resolution.DELETE_POST);
                assertThat(r.resolvedBy()).isEqualTo(mod);
                assertThat(r.resolvedAt()).isEqualTo(at);
                assertThat(r.resolutionNote()).isEqualTo("广告帖");
            });
            assertThat(store.readOnly((StoreReader reader) -> reader.report(resolved.get(0).id()))).contains(resolved.get(0));
            assertThat(store.readOnly((StoreReader reader) -> reader.openReportersByPost(List.of(post.id(), other.id()))))
                    .isEqualTo(Map.of(other.id(), 1L));
            List<Report> none = store.inTransaction(tx -> tx.resolveReports(post.id(), Resolution.DISMISS, mod, "x", at));
            assertThat(none).isEmpty();

            FiledReport again = store.inTransaction(tx -> tx.fileReport(report(post, topic, CAROL, ReportReason.ABUSE, "")));
            assertThat(again.created()).isTrue();
            assertThat(again.openReporters()).isEqualTo(1);
        }

        @Test
        @DisplayName("a board's open reports are listed oldest first after a cursor and counted, other boards' not")
        void queue() {
            Topic topic = given.topic();
            Topic elsewhere = given.topic();
            Post a = given.reply(topic, BOB, "一");
            Post b = given.reply(topic, BOB, "二");
            Report r1 = store.inTransaction(tx -> tx.fileReport(report(a, topic, CAROL, ReportReason.SPAM, ""))).report();
            Report r2 = store.inTransaction(tx -> tx.fileReport(report(b, topic, CAROL, ReportReason.SPAM, ""))).report();
            Report r3 = store.inTransaction(tx -> tx.fileReport(report(a, topic, ALICE, ReportReason.SPAM, ""))).report();
            store.inTransaction(tx -> tx.fileReport(report(given.reply(elsewhere, BOB, "三"), elsewhere, CAROL,
                    ReportReason.SPAM, "")));
            store.inTransaction(tx -> tx.resolveReports(b.id(), Resolution.DISMISS, new Author(MOD.id(), "m"), "ok",
                    tick()));

            assertThat(store.readOnly((StoreReader reader) -> reader.openReports(topic.boardId(), Optional.empty(), 10)))
                    .extracting(Report::id).containsExactly(r1.id(), r3.id());
            assertThat(store.readOnly((StoreReader reader) -> reader.openReports(topic.boardId(), Optional.of(r1.id()), 10)))
                    .extracting(Report::id).containsExactly(r3.id());
            assertThat(store.readOnly((StoreReader reader) -> reader.openReportCount(topic.boardId()))).isEqualTo(2);
            assertThat(store.readOnly((StoreReader reader) -> reader.openReportCount(elsewhere.boardId()))).isEqualTo(1);
            assertThat(r2.isOpen()).isTrue();
        }

        @Test
        @DisplayName("concurrent reports of one post by distinct users count 1..n, each exactly once")
        void concurrentReports() throws Exception {
            Topic topic = given.topic();
            Post post = given.reply(topic, BOB, "广告");
            List<Long> counts = Collections.synchronizedList(new ArrayList<>());
            int n = threads();
            runConcurrently(n, 1, (thread, op) -> {
                Viewer.Member reporter = Viewer.user("reporter-" + thread, "举报人 " + thread);
                return counts.add(store.inTransaction(tx -> tx.fileReport(report(post, topic, reporter,
                        ReportReason.SPAM, ""))).openReporters());
            });
            assertThat(counts).containsExactlyInAnyOrderElementsOf(
                    IntStream.rangeClosed(1, n).mapToObj(Long::valueOf).toList());
            assertThat(store.readOnly((StoreReader reader) -> reader.openReportersByPost(List.of(post.id()))))
                    .isEqualTo(Map.of(post.id(), (long) n));
        }

        @Test
        @DisplayName("concurrent reporters past a board's threshold hide the post once and keep the counters exact;"
                + " a hidden post takes no further reports")
        void concurrentThreshold() throws Exception {
            Board board = given.board(BoardModeration.OFF.hidingAfterReports(3));
            Topic topic = given.topic(board, ALICE);
            Post post = given.reply(topic, BOB, "广告");
            given.reply(topic, CAROL, "正常");
            AtomicInteger filed = new AtomicInteger();
            runConcurrently(threads(), 1, (thread, op) -> {
                try {
                    forum.reports().report(Viewer.user("reporter-" + thread, "举报人 " + thread),
                            ReportPost.of(post.id(), ReportReason.SPAM));
                    return filed.incrementAndGet();
                } catch (NotFoundException hiddenAlready) {
                    return null;
                }
            });
            assertThat(store.readOnly((StoreReader reader) -> reader.post(post.id())).orElseThrow().state())
                    .isEqualTo(PostState.PENDING);
            assertThat(filed.get()).isGreaterThanOrEqualTo(3);
            assertThat(given.reload(topic).replies()).isEqualTo(1);
            assertThat(given.reload(board).postCount()).isEqualTo(2);
            assertThat(forum.reports().queue(MOD, board.id(), PageRequest.first(50)).total()).isEqualTo(filed.get());
        }

        @Test
        @DisplayName("reporting a post that does not exist fails with NotFoundException and leaves no report")
        void unknownPost() {
            Topic topic = given.topic();
            Post post = given.reply(topic, BOB, "x");
            NewReport missing = new NewReport(org.forumkit.model.PostId.of(424_242), topic.id(), topic.boardId(),
                    new Author(CAROL.id(), "Carol"), ReportReason.SPAM, "", tick());
            assertThatThrownBy(() -> store.inTransaction(tx -> tx.fileReport(missing)))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> store.inTransaction(tx -> {
                tx.fileReport(report(post, topic, CAROL, ReportReason.SPAM, ""));
                throw new IllegalStateException("boom");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(store.readOnly((StoreReader reader) -> reader.openReportCount(topic.boardId()))).isZero();
        }
    }

    @Nested
    @DisplayName("Audit log")
    class AuditLog {

        private NewAuditEntry entry(BoardId board, Viewer.Member actor, AuditAction action, UserId subject) {
            return new NewAuditEntry(board, new Author(actor.id(), actor.displayName()), action, null, null, subject,
                    "0", "2", "置顶😀", tick());
        }

        @Test
        @DisplayName("entries are appended with every field and read newest first by board, actor and subject")
        void appendAndRead() {
            Board board = given.board();
            Board other = given.board();
            AuditEntry first = store.inTransaction(tx -> tx.appendAudit(entry(board.id(), MOD, AuditAction.TOPIC_PINNED,
                    ALICE.id())));
            AuditEntry second = store.inTransaction(tx -> tx.appendAudit(entry(other.id(), MOD, AuditAction.POST_DELETED,
                    BOB.id())));
            AuditEntry third = store.inTransaction(tx -> tx.appendAudit(entry(board.id(), ADMIN,
                    AuditAction.BOARD_MODERATION_CHANGED, null)));
            AuditEntry global = store.inTransaction(tx -> tx.appendAudit(entry(null, ADMIN, AuditAction.POST_RESTORED,
                    ALICE.id())));

            assertThat(first.before()).isEqualTo("0");
            assertThat(first.after()).isEqualTo("2");
            assertThat(first.reason()).isEqualTo("置顶😀");
            assertThat(first.subject()).isEqualTo(ALICE.id());
            assertThat(read(AuditFilter.board(board.id()), Optional.empty(), 10)).containsExactly(third, first);
            assertThat(read(AuditFilter.board(board.id()), Optional.of(third.id()), 10)).containsExactly(first);
            assertThat(read(AuditFilter.actor(MOD.id()), Optional.empty(), 10)).containsExactly(second, first);
            assertThat(read(AuditFilter.subject(ALICE.id()), Optional.empty(), 1)).containsExactly(global);
            assertThat(read(new AuditFilter(Optional.of(board.id()), Optional.of(ADMIN.id()), Optional.empty()),
                    Optional.empty(), 10)).containsExactly(third);
        }

        @Test
        @DisplayName("an entry appended in a transaction that rolls back is gone")
        void rollback() {
            Board board = given.board();
            assertThatThrownBy(() -> store.inTransaction(tx -> {
                tx.appendAudit(entry(board.id(), MOD, AuditAction.TOPIC_LOCKED, null));
                throw new IllegalStateException("boom");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(read(AuditFilter.board(board.id()), Optional.empty(), 10)).isEmpty();
        }

        private List<AuditEntry> read(AuditFilter filter, Optional<AuditId> before, int limit) {
            return store.readOnly((StoreReader reader) -> reader.auditEntries(filter, before, limit));
        }
    }

    @Nested
    @DisplayName("Bans")
    class BansAndMutes {

        private NewBan ban(Viewer.Member user, BoardId board, BanKind kind, Instant expiresAt) {
            return new NewBan(user.id(), board, kind, "灌水😀", new Author(MOD.id(), MOD.displayName()), tick(),
                    expiresAt);
        }

        private List<Ban> active(Viewer.Member user, Optional<BoardId> board, Instant now) {
            return store.readOnly((StoreReader reader) -> reader.activeBans(user.id(), board, now));
        }

        @Test
        @DisplayName("a ban is stored with every field; active bans are a board's and the global ones, not expired")
        void activeBans() {
            Board board = given.board();
            Board other = given.board();
            Instant later = clock.instant().plus(Duration.ofDays(1));
            Ban inBoard = store.inTransaction(tx -> tx.insertBan(ban(BOB, board.id(), BanKind.MUTE, later)));
            Ban global = store.inTransaction(tx -> tx.insertBan(ban(BOB, null, BanKind.BAN, null)));
            Ban elsewhere = store.inTransaction(tx -> tx.insertBan(ban(BOB, other.id(), BanKind.BAN, null)));
            store.inTransaction(tx -> tx.insertBan(ban(CAROL, board.id(), BanKind.BAN, null)));

            assertThat(inBoard.boardId()).isEqualTo(board.id());
            assertThat(inBoard.kind()).isEqualTo(BanKind.MUTE);
            assertThat(inBoard.reason()).isEqualTo("灌水😀");
            assertThat(inBoard.expiresAt()).isEqualTo(later);
            assertThat(store.readOnly((StoreReader reader) -> reader.ban(inBoard.id()))).contains(inBoard);
            Instant now = clock.instant();
            assertThat(active(BOB, Optional.of(board.id()), now)).containsExactly(inBoard, global);
            assertThat(active(BOB, Optional.empty(), now)).containsExactly(inBoard, global, elsewhere);
            assertThat(active(BOB, Optional.of(board.id()), later)).containsExactly(global);
            assertThat(active(ALICE, Optional.empty(), now)).isEmpty();
        }

        @Test
        @DisplayName("a command's lookup of a topic or a post brings the viewer's bans there, none for a visitor")
        void lookupWithBans() {
            Board board = given.board();
            Board other = given.board();
            Topic topic = given.topic(board, ALICE);
            Post post = given.reply(topic, ALICE, "楼下请讲");
            Instant later = clock.instant().plus(Duration.ofDays(1));
            Ban inBoard = store.inTransaction(tx -> tx.insertBan(ban(BOB, board.id(), BanKind.MUTE, later)));
            Ban global = store.inTransaction(tx -> tx.insertBan(ban(BOB, null, BanKind.BAN, null)));
            store.inTransaction(tx -> tx.insertBan(ban(BOB, other.id(), BanKind.BAN, null)));
            Ban lifted = store.inTransaction(tx -> tx.insertBan(ban(BOB, board.id(), BanKind.BAN, null)));
            store.inTransaction(tx -> tx.liftBan(lifted.id(), new Author(ADMIN.id(), ADMIN.displayName()), tick()));
            store.inTransaction(tx -> tx.insertBan(ban(CAROL, board.id(), BanKind.BAN, null)));
            Instant now = clock.instant();

            var topicForBob = store.readOnly((StoreReader r) -> r.topicInBoard(topic.id(), Optional.of(BOB.id()), now))
                    .orElseThrow();
            assertThat(topicForBob.found().topic().id()).isEqualTo(topic.id());
            assertThat(topicForBob.found().board().id()).isEqualTo(board.id());
            assertThat(topicForBob.viewerBans()).containsExactly(inBoard, global);
            var postForBob = store.readOnly((StoreReader r) -> r.postInTopic(post.id(), Optional.of(BOB.id()), now))
                    .orElseThrow();
            assertThat(postForBob.found().post()).isEqualTo(post);
            assertThat(postForBob.found().topic().id()).isEqualTo(topic.id());
            assertThat(postForBob.found().board().id()).isEqualTo(board.id());
            assertThat(postForBob.viewerBans()).containsExactly(inBoard, global);
            assertThat(store.readOnly((StoreReader r) -> r.postInTopic(post.id(), Optional.of(BOB.id()), later))
                    .orElseThrow().viewerBans()).containsExactly(global);
            assertThat(store.readOnly((StoreReader r) -> r.topicInBoard(topic.id(), Optional.empty(), now))
                    .orElseThrow().viewerBans()).isEmpty();
            assertThat(store.readOnly((StoreReader r) -> r.postInTopic(post.id(), Optional.of(ALICE.id()), now))
                    .orElseThrow().viewerBans()).isEmpty();
            assertThat(store.readOnly((StoreReader r) -> r.topicInBoard(TopicId.of(424_242), Optional.of(BOB.id()),
                    now))).isEmpty();
            assertThat(store.readOnly((StoreReader r) -> r.postInTopic(PostId.of(424_242), Optional.of(BOB.id()),
                    now))).isEmpty();
        }

        @Test
        @DisplayName("lifting records who and when, ends the ban, and a second lift changes nothing")
        void lift() {
            Board board = given.board();
            Ban ban = store.inTransaction(tx -> tx.insertBan(ban(BOB, board.id(), BanKind.BAN, null)));
            Author admin = new Author(ADMIN.id(), ADMIN.displayName());
            Instant at = tick();
            Ban lifted = store.inTransaction(tx -> tx.liftBan(ban.id(), admin, at));
            assertThat(lifted.liftedBy()).isEqualTo(admin);
            assertThat(lifted.liftedAt()).isEqualTo(at);
            assertThat(active(BOB, Optional.of(board.id()), clock.instant())).isEmpty();
            Ban twice = store.inTransaction(tx -> tx.liftBan(ban.id(), new Author(MOD.id(), "m"), tick()));
            assertThat(twice).isEqualTo(lifted);
            assertThatThrownBy(() -> store.inTransaction(tx -> tx.liftBan(org.forumkit.model.BanId.of(424_242), admin,
                    at))).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> store.inTransaction(tx -> tx.insertBan(ban(BOB, BoardId.of(424_242), BanKind.BAN,
                    null)))).isInstanceOf(NotFoundException.class);
        }
    }

    @Nested
    @DisplayName("Flood control")
    class Flood {

        private PostingWindow window(Viewer.Member user, Board board) {
            return store.inTransaction(tx -> tx.lockPostingWindow(user.id(), board.id()));
        }

        @Test
        @DisplayName("a posting record starts empty, is stored per user and board, and a rollback undoes it")
        void postingWindow() {
            Board board = given.board();
            Board other = given.board();
            Instant at = tick();
            assertThat(window(BOB, board)).isEqualTo(PostingWindow.EMPTY);
            PostingWindow window = new PostingWindow(at, at.minusSeconds(60), 3);
            store.inTransaction(tx -> {
                tx.lockPostingWindow(BOB.id(), board.id());
                tx.savePostingWindow(BOB.id(), board.id(), window);
                return null;
            });
            assertThat(window(BOB, board)).isEqualTo(window);
            assertThat(window(BOB, other)).isEqualTo(PostingWindow.EMPTY);
            assertThat(window(CAROL, board)).isEqualTo(PostingWindow.EMPTY);

            assertThatThrownBy(() -> store.inTransaction(tx -> {
                tx.lockPostingWindow(BOB.id(), board.id());
                tx.savePostingWindow(BOB.id(), board.id(), new PostingWindow(tick(), at, 4));
                throw new IllegalStateException("boom");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(window(BOB, board)).isEqualTo(window);
        }

        @Test
        @DisplayName("concurrent posts of one user within the minimum interval: exactly one passes, the rest wait")
        void concurrentPosts() throws Exception {
            Board board = given.board(BoardModeration.OFF.limitingPosts(Duration.ofMinutes(1), 0));
            Topic topic = given.topic(board, ALICE);
            AtomicInteger passed = new AtomicInteger();
            List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
            runConcurrently(threads(), 1, (thread, op) -> {
                try {
                    forum.posts().reply(BOB, Reply.to(topic.id(), "抢沙发 " + thread));
                    return passed.incrementAndGet();
                } catch (org.forumkit.RateLimitedException e) {
                    return waits.add(e.retryAfter());
                }
            });
            assertThat(passed).hasValue(1);
            assertThat(waits).hasSize(threads() - 1)
                    .allSatisfy(wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1)));
            assertThat(given.reload(topic).replies()).isEqualTo(1);
            assertThat(given.allPosts(ALICE, topic)).extracting(Post::floor).containsExactly(1, 2);
            // Another user is not held up by Bob.
            assertThat(given.reply(topic, CAROL, "我也来").floor()).isEqualTo(3);
        }
    }

    @Nested
    @DisplayName("Edit history")
    class EditHistory {

        @Test
        @DisplayName("each edit keeps the replaced text with who and when; revisions read oldest first")
        void revisions() {
            Topic topic = given.topic();
            Post post = given.reply(topic, BOB, "第一版😀");
            clock.advance(Duration.ofMinutes(1));
            forum.posts().edit(BOB, EditPost.of(post.id(), "第二版"));
            clock.advance(Duration.ofMinutes(1));
            forum.posts().edit(MOD, new EditPost(post.id(), "**第三版**", ContentFormat.MARKDOWN));

            List<PostRevision> revisions = store.readOnly((StoreReader reader) -> reader.revisions(post.id()));
            assertThat(revisions).extracting(PostRevision::revision, PostRevision::body, PostRevision::format)
                    .containsExactly(tuple(1, "第一版😀", ContentFormat.PLAIN),
                            tuple(2, "第二版", ContentFormat.PLAIN));
            assertThat(revisions.get(0).replacedBy().id()).isEqualTo(BOB.id());
            assertThat(revisions.get(1).replacedBy().id()).isEqualTo(MOD.id());
            assertThat(revisions.get(1).replacedAt()).isEqualTo(clock.instant());
            assertThat(store.readOnly((StoreReader reader) -> reader.post(post.id())).orElseThrow().revision())
                    .isEqualTo(3);
            Post opening = given.allPosts(ALICE, topic).get(0);
            assertThat(store.readOnly((StoreReader reader) -> reader.revisions(opening.id()))).isEmpty();
        }

        @Test
        @DisplayName("keeping a revision of a missing post fails; a rolled-back edit keeps nothing")
        void failures() {
            Topic topic = given.topic();
            Post post = given.reply(topic, BOB, "原文");
            Author bob = new Author(BOB.id(), BOB.displayName());
            assertThatThrownBy(() -> store.inTransaction(tx -> tx.keepRevision(org.forumkit.model.PostId.of(424_242),
                    bob, tick()))).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> store.inTransaction(tx -> {
                tx.keepRevision(post.id(), bob, tick());
                throw new IllegalStateException("boom");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(store.readOnly((StoreReader reader) -> reader.revisions(post.id()))).isEmpty();
        }

        @Test
        @DisplayName("concurrent edits of one post keep every replaced text once, revisions 1..n without a gap")
        void concurrentEdits() throws Exception {
            Topic topic = given.topic();
            Post post = given.reply(topic, BOB, "原文");
            int edits = threads() * 3;
            runConcurrently(threads(), 3, (thread, op) ->
                    forum.posts().edit(MOD, EditPost.of(post.id(), "编辑 " + thread + "-" + op)));
            List<PostRevision> revisions = store.readOnly((StoreReader reader) -> reader.revisions(post.id()));
            Post last = store.readOnly((StoreReader reader) -> reader.post(post.id())).orElseThrow();
            assertThat(revisions).extracting(PostRevision::revision)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, edits).boxed().toList());
            assertThat(last.revision()).isEqualTo(edits + 1);
            List<String> kept = new ArrayList<>(revisions.stream().map(PostRevision::body).toList());
            kept.add(last.body());
            List<String> written = new ArrayList<>(List.of("原文"));
            for (int t = 0; t < threads(); t++) {
                for (int op = 0; op < 3; op++) {
                    written.add("编辑 " + t + "-" + op);
                }
            }
            assertThat(kept).containsExactlyInAnyOrderElementsOf(written);
        }
    }

    @Nested
    @DisplayName("Credits")
    class CreditLedgers {

        private NewCreditEntry entry(Viewer.Member user, BoardId board, CreditEvent event, long amount, String cycle) {
            return new NewCreditEntry(user.id(), board, event, amount, cycle, null, tick());
        }

        private long lockedBalance(Viewer.Member user) {
            return store.inTransaction(tx -> tx.lockCreditBalance(user.id()));
        }

        @Test
        @DisplayName("entries move the balance, read newest first, and count per board, event and cycle")
        void ledger() {
            Board board = given.board();
            Board other = given.board();
            assertThat(lockedBalance(BOB)).isZero();
            CreditEntry first = store.inTransaction(tx -> {
                tx.lockCreditBalance(BOB.id());
                return tx.appendCredit(entry(BOB, board.id(), CreditEvent.REPLY, 2, "2012-08-07"));
            });
            CreditEntry second = store.inTransaction(tx -> {
                tx.lockCreditBalance(BOB.id());
                return tx.appendCredit(entry(BOB, board.id(), CreditEvent.POST_DELETED_BY_MODERATOR, -5, "unlimited"));
            });
            CreditEntry third = store.inTransaction(tx -> {
                tx.lockCreditBalance(BOB.id());
                return tx.appendCredit(entry(BOB, other.id(), CreditEvent.REPLY, 2, "2012-08-07"));
            });
            assertThat(store.readOnly((StoreReader reader) -> reader.creditBalance(BOB.id()))).isEqualTo(-1);
            assertThat(store.readOnly((StoreReader reader) -> reader.creditBalance(CAROL.id()))).isZero();
            assertThat(lockedBalance(BOB)).isEqualTo(-1);
            assertThat(store.readOnly((StoreReader reader) -> reader.creditEntries(BOB.id(), Optional.empty(), 10)))
                    .containsExactly(third, second, first);
            assertThat(store.readOnly((StoreReader reader) -> reader.creditEntries(BOB.id(), Optional.of(second.id()), 10)))
                    .containsExactly(first);
            assertThat(store.readOnly((StoreReader reader) -> reader.creditCount(BOB.id(), board.id(), CreditEvent.REPLY,
                    "2012-08-07"))).isEqualTo(1);
            assertThat(first.amount()).isEqualTo(2);
            assertThat(first.event()).isEqualTo(CreditEvent.REPLY);

            assertThatThrownBy(() -> store.inTransaction(tx -> {
                tx.lockCreditBalance(BOB.id());
                tx.appendCredit(entry(BOB, board.id(), CreditEvent.REPLY, 100, "x"));
                throw new IllegalStateException("boom");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(store.readOnly((StoreReader reader) -> reader.creditBalance(BOB.id()))).isEqualTo(-1);
        }

        @Test
        @DisplayName("concurrent replies of one user never pass a rule's daily cap")
        void concurrentCap() throws Exception {
            Board board = given.board();
            Topic topic = given.topic(board, ALICE);
            try (Forum credited = Forum.builder().store(store).clock(clock)
                    .creditPolicy(CreditPolicy.everywhere(List.of(CreditRule.daily(CreditEvent.REPLY, 2, 3))))
                    .build()) {
                runConcurrently(threads(), 2, (thread, op) ->
                        credited.posts().reply(BOB, Reply.to(topic.id(), "回复 " + thread + "-" + op)));
                assertThat(credited.credits().balance(ALICE, BOB.id())).isEqualTo(6);
                assertThat(store.readOnly((StoreReader reader) -> reader.creditEntries(BOB.id(), Optional.empty(), 50)))
                        .hasSize(3);
            }
            assertThat(given.reload(topic).replies()).isEqualTo(threads() * 2L);
        }
    }

    @Nested
    @DisplayName("Moving topics")
    class MovingTopics {

        @Test
        @DisplayName("a moved topic takes its visible posts to the target's counters, listing and last post")
        void move() {
            Board source = given.board();
            tick();
            Board target = given.board();
            tick();
            Topic stays = given.topic(source, ALICE);
            tick();
            given.reply(stays, BOB, "留下");
            tick();
            Topic moving = given.topic(source, ALICE);
            tick();
            given.reply(moving, BOB, "一起走");
            tick();
            Post gone = given.reply(moving, CAROL, "删掉");
            tick();
            forum.posts().delete(MOD, gone.id());
            tick();
            Post last = given.reply(moving, CAROL, "最新");
            tick();
            Topic older = given.topic(target, BOB);
            tick();
            Post report = given.reply(moving, BOB, "被举报");
            tick();
            forum.reports().report(ALICE, org.forumkit.model.ReportPost.of(report.id(), ReportReason.SPAM));
            Board sourceBefore = given.reload(source);
            Board targetBefore = given.reload(target);

            // Through the service: the store moves the counts, core moves the last posts.
            Topic moved = forum.topics().move(MOD, moving.id(), target.id(), "换版");
            assertThat(moved.boardId()).isEqualTo(target.id());
            Board sourceAfter = given.reload(source);
            Board targetAfter = given.reload(target);
            assertThat(sourceAfter.topicCount()).isEqualTo(sourceBefore.topicCount() - 1);
            assertThat(sourceAfter.postCount()).isEqualTo(sourceBefore.postCount() - 4);
            assertThat(targetAfter.topicCount()).isEqualTo(targetBefore.topicCount() + 1);
            assertThat(targetAfter.postCount()).isEqualTo(targetBefore.postCount() + 4);
            assertThat(sourceAfter.lastPost().topicId()).isEqualTo(stays.id());
            assertThat(sourceAfter.lastPost().floor()).isEqualTo(2);
            assertThat(targetAfter.lastPost().postId()).isEqualTo(report.id());
            assertThat(store.readOnly((StoreReader reader) -> reader.topics(target.id(), Optional.empty(), 10)))
                    .extracting(Topic::id).containsExactly(moving.id(), older.id());
            assertThat(store.readOnly((StoreReader reader) -> reader.topics(source.id(), Optional.empty(), 10)))
                    .extracting(Topic::id).containsExactly(stays.id());
            assertThat(store.readOnly((StoreReader reader) -> reader.openReportCount(target.id()))).isEqualTo(1);
            assertThat(store.readOnly((StoreReader reader) -> reader.openReportCount(source.id()))).isZero();
            assertThat(given.allPosts(ALICE, moving)).extracting(Post::floor).containsExactly(1, 2, 3, 4, 5);
            assertThat(last.floor()).isEqualTo(4);
        }

        @Test
        @DisplayName("the last topic leaving a board clears its last post; a taken external key is refused")
        void edges() {
            Board source = given.board();
            Board target = given.board();
            Topic keyed = forum.topics().start(ALICE, StartTopic.of(source.id(), "评论", "一楼").forExternalKey("article-1"));
            forum.topics().start(ALICE, StartTopic.of(target.id(), "评论", "一楼").forExternalKey("article-1"));
            assertThatThrownBy(() -> store.inTransaction(tx -> tx.moveTopic(keyed.id(), target.id())))
                    .isInstanceOf(DuplicateKeyException.class);
            assertThat(given.reload(keyed).boardId()).isEqualTo(source.id());

            Board empty = given.board();
            forum.topics().move(MOD, keyed.id(), empty.id(), "换版");
            assertThat(given.reload(source).lastPost()).isNull();
            assertThat(given.reload(source).topicCount()).isZero();
            assertThat(given.reload(source).postCount()).isZero();
            assertThat(store.readOnly((StoreReader reader) -> reader.topicByExternalKey(empty.id(), "article-1")))
                    .map(Topic::id).contains(keyed.id());
            assertThatThrownBy(() -> store.inTransaction(tx -> tx.moveTopic(keyed.id(), BoardId.of(424_242))))
                    .isInstanceOf(NotFoundException.class);
        }

        @Test
        @DisplayName("the move primitive moves counts and reports and leaves last posts to core's own primitives")
        void primitives() {
            Board source = given.board();
            Board target = given.board();
            Topic older = given.topic(source, ALICE);
            tick();
            Topic moving = given.topic(source, ALICE);
            tick();
            Post reply = given.reply(moving, BOB, "最新");
            tick();
            given.reply(older, BOB, "旧帖也动了");
            tick();
            Post deleted = given.reply(moving, CAROL, "删掉");
            forum.posts().delete(MOD, deleted.id());
            Board sourceBefore = given.reload(source);

            MovedTopic moved = store.inTransaction(tx -> tx.moveTopic(moving.id(), target.id()));
            assertThat(moved.from()).isEqualTo(source.id());
            assertThat(moved.topic().boardId()).isEqualTo(target.id());
            assertThat(given.reload(source).lastPost()).isEqualTo(sourceBefore.lastPost());
            assertThat(given.reload(target).lastPost()).isNull();
            assertThat(given.reload(target).postCount()).isEqualTo(2);
            assertThat(store.inTransaction(tx -> tx.moveTopic(moving.id(), target.id())).from()).isEqualTo(target.id());

            assertThat(store.readOnly((StoreReader reader) -> reader.newestVisiblePost(moving.id())))
                    .map(LastPost::postId).contains(reply.id());
            assertThat(store.readOnly((StoreReader reader) -> reader.mostRecentlyActiveTopic(source.id())))
                    .map(Topic::id).contains(older.id());
            assertThat(store.readOnly((StoreReader reader) -> reader.mostRecentlyActiveTopic(target.id())))
                    .map(Topic::id).contains(moving.id());
            Optional<LastPost> last = store.readOnly((StoreReader reader) -> reader.newestVisiblePost(moving.id()));
            store.inTransaction(tx -> {
                tx.setBoardLastPost(target.id(), last);
                tx.setBoardLastPost(source.id(), Optional.empty());
                return null;
            });
            assertThat(given.reload(target).lastPost()).isEqualTo(last.orElseThrow());
            assertThat(given.reload(target).postCount()).isEqualTo(2);
            assertThat(given.reload(source).lastPost()).isNull();
            assertThat(given.reload(source).postCount()).isEqualTo(sourceBefore.postCount() - 2);
        }
    }

    @Nested
    @DisplayName("Search")
    class Search extends SearchContract {
        @Override
        protected ForumStore store() {
            return store;
        }

        @Override
        protected Forum forum() {
            return forum;
        }

        @Override
        protected ForumFixtures given() {
            return given;
        }

        @Override
        protected MutableClock clock() {
            return clock;
        }

        @Override
        protected Forum otherNode() {
            return forumOn(store);
        }
    }

    @Nested
    @DisplayName("Most supported order")
    class SupportOrder extends SupportOrderContract {
        @Override
        protected ForumStore store() {
            return store;
        }

        @Override
        protected Forum forum() {
            return forum;
        }

        @Override
        protected ForumFixtures given() {
            return given;
        }
    }

    @Nested
    @DisplayName("Hidden ids")
    class HiddenIds extends HiddenIdsContract {
        @Override
        protected Forum forum() {
            return forum;
        }
    }

    @Nested
    @DisplayName("Views")
    class Views {

        @Test
        @DisplayName("buffered views are added in one batch, and views of unknown topics are skipped")
        void addViews() {
            Topic one = given.topic();
            Topic two = given.topic();
            store.inTransaction(tx -> {
                tx.addViews(Map.of(one.id(), 1350L, two.id(), 2L, TopicId.of(987_654), 5L));
                return null;
            });
            store.inTransaction(tx -> {
                tx.addViews(Map.of(one.id(), 1L));
                return null;
            });

            assertThat(given.reload(one).views()).isEqualTo(1351);
            assertThat(given.reload(two).views()).isEqualTo(2);
        }

        @Test
        @DisplayName("views recorded through the forum reach the store on flush")
        void recordAndFlush() {
            Topic topic = given.topic();
            forum.views().record(ALICE, topic.id());
            forum.views().record(ALICE, topic.id());
            forum.views().record(BOB, topic.id());
            forum.views().record(ANONYMOUS, topic.id());

            assertThat(forum.views().flush()).isEqualTo(1);
            assertThat(given.reload(topic).views()).isEqualTo(3);
        }
    }

    @Nested
    @DisplayName("Notifications")
    class Notifications extends NotificationsKit {
        @Override
        protected ForumStore kitStore() {
            return store;
        }

        @Override
        protected int kitThreads() {
            return threads();
        }
    }

    @Nested
    @DisplayName("Deliveries")
    class Deliveries extends DeliveriesKit {
        @Override
        protected ForumStore kitStore() {
            return store;
        }

        @Override
        protected int kitThreads() {
            return threads();
        }
    }

    @Nested
    @DisplayName("Transactions")
    class Transactions {

        @Test
        @DisplayName("a transaction that fails after appending a reply leaves floors and counters as they were")
        void rollbackLeavesNoTrace() {
            Board board = given.board();
            Topic topic = given.topic(board, ALICE);
            given.reply(topic, BOB, "before");
            Topic topicBefore = given.reload(topic);
            Board boardBefore = given.reload(board);

            assertThatThrownBy(() -> store.inTransaction(tx -> {
                tx.appendReply(reply(topic.id(), CAROL, PostState.VISIBLE));
                throw new IllegalStateException("boom");
            })).isInstanceOf(IllegalStateException.class).hasMessage("boom");

            assertThat(given.reload(topic)).isEqualTo(topicBefore);
            assertThat(given.reload(board)).isEqualTo(boardBefore);
            assertThat(given.allPosts(ALICE, topic)).extracting(Post::floor).containsExactly(1, 2);
            assertThat(given.reply(topic, CAROL, "after").floor()).isEqualTo(3);
        }

        @Test
        @DisplayName("a failed vote or topic start leaves no trace")
        void failedWritesLeaveNoTrace() {
            Board board = given.board();
            Topic topic = given.topic(board, ALICE);
            Post post = given.reply(topic, BOB, "post");
            assertThatThrownBy(() -> store.inTransaction(tx -> {
                tx.castVote(post.id(), ForumFixtures.id(CAROL), VoteKind.SUPPORT);
                throw new IllegalStateException("boom");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(store.readOnly((StoreReader reader) -> reader.votes(post.id()))).isEmpty();
            assertThat(store.readOnly((StoreReader reader) -> reader.post(post.id())).orElseThrow().support()).isZero();

            Board boardBefore = given.reload(board);
            NewTopic newTopic = new NewTopic(board.id(), "Half", null, new Author(ForumFixtures.id(BOB), "Bob"), tick(),
                    "half-written");
            assertThatThrownBy(() -> store.inTransaction(tx -> {
                tx.insertTopic(newTopic, opening(newTopic));
                throw new IllegalStateException("boom");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(given.reload(board)).isEqualTo(boardBefore);
            assertThat(store.readOnly((StoreReader reader) -> reader.topicByExternalKey(board.id(), "half-written"))).isEmpty();
            assertThat(store.readOnly((StoreReader reader) -> reader.topics(board.id(), Optional.empty(), 10)))
                    .extracting(Topic::id).containsExactly(topic.id());
        }

        @Test
        @DisplayName("after-commit actions run once after commit and never after a rollback")
        void afterCommit() {
            Topic topic = given.topic();
            AtomicInteger ran = new AtomicInteger();
            store.inTransaction(tx -> {
                tx.afterCommit(ran::incrementAndGet);
                assertThat(ran).hasValue(0);
                return tx.appendReply(reply(topic.id(), BOB, PostState.VISIBLE));
            });
            assertThat(ran).hasValue(1);

            assertThatThrownBy(() -> store.inTransaction(tx -> {
                tx.afterCommit(ran::incrementAndGet);
                throw new IllegalStateException("boom");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(ran).hasValue(1);
        }

        @Test
        @DisplayName("a transaction reads its own writes: floors, counters, votes and states")
        void readsOwnWrites() {
            Board board = given.board();
            Topic topic = given.topic(board, ALICE);
            store.inTransaction(tx -> {
                Post reply = tx.appendReply(reply(topic.id(), BOB, PostState.VISIBLE));
                assertThat(tx.topic(topic.id()).orElseThrow().highestFloor()).isEqualTo(2);
                assertThat(tx.topic(topic.id()).orElseThrow().replies()).isEqualTo(1);
                assertThat(tx.board(board.id()).orElseThrow().postCount()).isEqualTo(2);
                assertThat(tx.post(reply.id())).contains(reply);
                assertThat(tx.postsByFloors(topic.id(), List.of(2))).containsExactly(reply);

                Post second = tx.appendReply(reply(topic.id(), CAROL, PostState.VISIBLE));
                assertThat(second.floor()).isEqualTo(3);
                tx.castVote(reply.id(), ForumFixtures.id(CAROL), VoteKind.SUPPORT);
                assertThat(tx.post(reply.id()).orElseThrow().support()).isEqualTo(1);
                assertThat(tx.vote(reply.id(), ForumFixtures.id(CAROL))).contains(VoteKind.SUPPORT);
                tx.changePostState(second.id(), PostState.DELETED);
                assertThat(tx.topic(topic.id()).orElseThrow().replies()).isEqualTo(1);
                assertThat(tx.topicPage(topic.id(), TopicPageRequest.first(10), Optional.of(ForumFixtures.id(CAROL)))
                        .orElseThrow().viewerVotes()).isEqualTo(Map.of(reply.id(), VoteKind.SUPPORT));
                tx.addViews(Map.of(topic.id(), 7L));
                assertThat(tx.topic(topic.id()).orElseThrow().views()).isEqualTo(7);
                return null;
            });
            assertThat(given.reload(topic).highestFloor()).isEqualTo(3);
            assertThat(given.reload(topic).views()).isEqualTo(7);
        }

        @Test
        @DisplayName("appending to a topic that does not exist fails with NotFoundException")
        void unknownTopic() {
            assertThatThrownBy(() -> store.inTransaction(tx -> tx.appendReply(reply(TopicId.of(424_242), BOB,
                    PostState.VISIBLE)))).isInstanceOf(NotFoundException.class);
        }
    }

    @Nested
    @DisplayName("Text and time")
    class TextAndTime {

        @Test
        @DisplayName("Chinese text, 4-byte emoji and a body at the length limit round-trip exactly")
        void unicodeRoundTrip() {
            Board board = given.board();
            String title = "中文标题😀 𠀋𡈽 — ＡＢＣ".repeat(4);
            title = title.substring(0, title.offsetByCodePoints(0, 40));
            StringBuilder body = new StringBuilder();
            while (body.codePointCount(0, body.length()) < forum.settings().maxBodyLength() - 2) {
                body.append("民政服务😀𝄞\n");
            }
            String limit = body.substring(0, body.offsetByCodePoints(0, forum.settings().maxBodyLength() - 2)) + "终章";
            assertThat(limit.codePointCount(0, limit.length())).isEqualTo(forum.settings().maxBodyLength());

            Topic topic = forum.topics().start(ALICE, StartTopic.of(board.id(), title, limit));
            Post read = given.allPosts(ALICE, topic).get(0);
            assertThat(given.reload(topic).title()).isEqualTo(title);
            assertThat(read.body()).isEqualTo(limit);
            assertThat(read.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(limit.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        @Test
        @DisplayName("times round-trip to the microsecond")
        void times() {
            clock.advance(Duration.ofNanos(123_456_789));
            Topic topic = given.topic();
            Topic read = store.readOnly((StoreReader reader) -> reader.topic(topic.id())).orElseThrow();
            assertThat(read.createdAt()).isEqualTo(Instant.parse("2012-08-07T01:21:00.123456Z"));
            assertThat(read.lastPostAt()).isEqualTo(read.createdAt());
        }

        @Test
        @DisplayName("a post keeps its format, rendering and renderer version")
        void rendering() {
            Topic topic = given.topic();
            Post post = given.reply(topic, BOB, "a < b\n\nc");
            Post read = store.readOnly((StoreReader reader) -> reader.post(post.id())).orElseThrow();
            assertThat(read.format()).isEqualTo(ContentFormat.PLAIN);
            assertThat(read.html()).isEqualTo(post.html());
            assertThat(read.renderer()).isEqualTo(post.renderer());
        }
    }

    // ---- helpers ----

    private NewPost opening(NewTopic topic) {
        return new NewPost(null, topic.author(), topic.createdAt(), "opening", ContentFormat.PLAIN, "<p>opening</p>",
                "plain/test", PostState.VISIBLE, null, List.of());
    }

    private NewPost reply(TopicId topic, Viewer.Member author, PostState state) {
        return new NewPost(topic, new Author(author.id(), author.displayName()), tick(), "reply", ContentFormat.PLAIN,
                "<p>reply</p>", "plain/test", state, null, List.of());
    }

    /** One unit of concurrent work: thread index and operation index. */
    @FunctionalInterface
    protected interface Operation {
        Object run(int thread, int op) throws Exception;
    }

    /**
     * Runs {@link #operationsPerThread()} operations on each of {@code threadCount} threads, all released at
     * once, and fails if any operation failed.
     */
    protected void runConcurrently(int threadCount, Operation operation) throws Exception {
        runConcurrently(threadCount, operationsPerThread(), operation);
    }

    /** Runs {@code operations} operations on each of {@code threadCount} threads, all released at once. */
    protected void runConcurrently(int threadCount, int operations, Operation operation) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threadCount);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int t = 0; t < threadCount; t++) {
                int thread = t;
                Callable<Object> work = () -> {
                    start.await();
                    for (int op = 0; op < operations; op++) {
                        operation.run(thread, op);
                    }
                    return null;
                };
                results.add(pool.submit(work));
            }
            start.countDown();
            for (Future<Object> result : results) {
                result.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Nested
    @DisplayName("Imports")
    class Imports extends ImportContract {
        private final List<Forum> nodes = new ArrayList<>();

        @AfterEach
        void closeNodes() {
            nodes.forEach(Forum::close);
        }

        @Override
        protected ForumStore store() {
            return store;
        }

        @Override
        protected Forum forum() {
            return forum;
        }

        @Override
        protected ForumFixtures given() {
            return given;
        }

        @Override
        protected Forum secondForum() {
            Forum node = forumOn(store);
            nodes.add(node);
            return node;
        }

        @Override
        protected int threads() {
            return ForumStoreContract.this.threads();
        }
    }
}
