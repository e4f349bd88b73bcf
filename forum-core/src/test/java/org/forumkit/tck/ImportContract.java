package org.forumkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.forumkit.tck.ForumFixtures.ADMIN;
import static org.forumkit.tck.ImportFixtures.AUTHOR;
import static org.forumkit.tck.ImportFixtures.REPLIER;
import static org.forumkit.tck.ImportFixtures.onFloor;
import static org.forumkit.tck.ImportFixtures.post;
import static org.forumkit.tck.ImportFixtures.seedThread;
import static org.forumkit.tck.ImportFixtures.source;
import static org.forumkit.tck.ImportFixtures.thread;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.forumkit.Forum;
import org.forumkit.imports.ImportOptions;
import org.forumkit.imports.ImportReport;
import org.forumkit.model.Board;
import org.forumkit.model.Post;
import org.forumkit.model.PostState;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicPage;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.UserId;
import org.forumkit.model.VoteKind;
import org.forumkit.spi.store.DuplicateKeyException;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.ImportKey;
import org.forumkit.spi.store.StoreReader;
import org.forumkit.spi.store.StoreTransaction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The import map and imports through a store: the kit's {@code Imports} group. A store keeps each import key
 * once (also against a concurrent run), writes the map with the data, and an import through it leaves every
 * counter equal to its rows.
 */
public abstract class ImportContract {
    private static final Instant AT = Instant.parse("2026-12-01T20:00:00Z");

    protected abstract ForumStore store();

    protected abstract Forum forum();

    protected abstract ForumFixtures given();

    /** A forum on the same store, as a second app node. */
    protected abstract Forum secondForum();

    protected abstract int threads();

    private static ImportKey key(String id) {
        return new ImportKey("test", ImportKey.Kind.POST, id);
    }

    private Optional<Long> mapped(ImportKey key) {
        return store().inTransaction((StoreTransaction tx) -> tx.importMap().target(key));
    }

    private Map<UserId, VoteKind> votes(Post post) {
        return store().readOnly((StoreReader reader) -> reader.votes(post.id()));
    }

    /** Every post of the topic in floor order, pending ones included, as the store holds them. */
    private List<Post> stored(Topic topic) {
        return store().readOnly((StoreReader reader) -> reader.topicPage(topic.id(), TopicPageRequest.first(50),
                Optional.empty())).orElseThrow().posts();
    }

    @Test
    @DisplayName("a recorded import key maps to its target, a second record of it is refused")
    void recordsOnce() {
        store().inTransaction(tx -> {
            assertThat(tx.importMap().target(key("1"))).isEmpty();
            tx.importMap().record(key("1"), 42L, AT);
            return null;
        });
        assertThat(mapped((key("1")))).contains(42L);
        assertThat(mapped((new ImportKey("test", ImportKey.Kind.TOPIC, "1"))))
                .isEmpty();
        assertThatThrownBy(() -> store().inTransaction(tx -> {
            tx.importMap().record(key("1"), 43L, AT);
            return null;
        })).isInstanceOfSatisfying(DuplicateKeyException.class,
                e -> assertThat(e.key()).isEqualTo(DuplicateKeyException.IMPORT_KEY));
        assertThat(mapped((key("1")))).contains(42L);
    }

    @Test
    @DisplayName("a rolled-back transaction leaves no import key behind")
    void rollsBack() {
        assertThatThrownBy(() -> store().inTransaction(tx -> {
            tx.importMap().record(key("gone"), 1L, AT);
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(mapped((key("gone")))).isEmpty();
    }

    @Test
    @DisplayName("concurrent records of one key: exactly one commits")
    void concurrentRecords() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads(); i++) {
                long target = i;
                results.add(pool.submit((Callable<Boolean>) () -> {
                    start.await();
                    try {
                        store().inTransaction(tx -> {
                            tx.importMap().record(key("race"), target, AT);
                            return null;
                        });
                        return true;
                    } catch (DuplicateKeyException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> result : results) {
                won += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("an imported thread keeps its floors, quotes, votes, views, states, authors and times; counters equal rows")
    void importsTheSeedThread() {
        Board board = given().board();
        ImportReport report = forum().imports().run(ADMIN, source("discuz", seedThread()), ImportOptions.into(board.id()));

        assertThat(report.added(ImportKey.Kind.TOPIC)).isEqualTo(1);
        assertThat(report.added(ImportKey.Kind.POST)).isEqualTo(4);
        assertThat(report.added(ImportKey.Kind.VOTE)).isEqualTo(1);
        Topic topic = forum().topics().byExternalKey(ADMIN, board.id(), "seed-page").orElseThrow();
        assertThat(topic.views()).isEqualTo(1351);
        assertThat(topic.replies()).as("only the visible reply counts").isEqualTo(1);
        assertThat(topic.highestFloor()).isEqualTo(4);
        List<Post> posts = stored(topic);
        assertThat(posts).extracting(Post::floor).containsExactly(1, 2, 3, 4);
        assertThat(posts).extracting(Post::state).containsExactly(PostState.VISIBLE, PostState.VISIBLE,
                PostState.PENDING, PostState.DELETED);
        assertThat(posts.get(0).author().id()).isEqualTo(UserId.of("discuz:1"));
        assertThat(posts.get(0).author().displayName()).isEqualTo("楼主");
        assertThat(posts.get(0).createdAt()).isEqualTo(ImportFixtures.SEED_TIME);
        assertThat(posts.get(0).html()).contains("<b>楼主的帖子</b>");
        Post second = posts.get(1);
        assertThat(second.replyToFloor()).isEqualTo(1);
        assertThat(second.quotes()).singleElement().satisfies(q -> {
            assertThat(q.sourceFloor()).isEqualTo(1);
            assertThat(q.excerpt()).isEqualTo("[b]楼主的帖子[/b]");
        });
        assertThat(second.support()).isEqualTo(1);
        assertThat(votes(second)).containsExactly(
                Map.entry(UserId.of("discuz:3"), VoteKind.SUPPORT));
        Board after = given().reload(board);
        assertThat(after.topicCount()).isEqualTo(1);
        assertThat(after.postCount()).as("visible posts of the board").isEqualTo(2);
    }

    @Test
    @DisplayName("a second run adds only what is new and changes nothing that is there")
    void rerunAddsOnlyWhatIsNew() {
        Board board = given().board();
        forum().imports().run(ADMIN, source("discuz", seedThread()), ImportOptions.into(board.id()));
        ImportReport again = forum().imports().run(ADMIN, source("discuz", seedThread()), ImportOptions.into(board.id()));
        assertThat(again.added()).isEmpty();
        assertThat(again.existing(ImportKey.Kind.POST)).isEqualTo(4);
        assertThat(again.existing(ImportKey.Kind.VOTE)).isEqualTo(1);

        var grown = seedThread();
        List<org.forumkit.imports.ImportPost> posts = new ArrayList<>(grown.posts());
        posts.add(onFloor(post("p5", REPLIER, 30, "新回复"), 5));
        var withNew = new org.forumkit.imports.ImportThread(grown.sourceId(), null, grown.externalKey(), grown.title(),
                null, grown.views(), 0, false, posts);
        ImportReport third = forum().imports().run(ADMIN, source("discuz", withNew), ImportOptions.into(board.id()));
        assertThat(third.added(ImportKey.Kind.POST)).isEqualTo(1);
        Topic topic = forum().topics().byExternalKey(ADMIN, board.id(), "seed-page").orElseThrow();
        assertThat(topic.views()).as("views come with the topic once").isEqualTo(1351);
        assertThat(topic.highestFloor()).isEqualTo(5);
        assertThat(topic.replies()).isEqualTo(2);
        assertThat(given().reload(board).postCount()).isEqualTo(3);
    }

    @Test
    @DisplayName("a dry run reports what it would add and writes nothing")
    void dryRun() {
        Board board = given().board();
        ImportReport report = forum().imports().run(ADMIN, source("discuz", seedThread()),
                ImportOptions.into(board.id()).dryRun(true));
        assertThat(report.dryRun()).isTrue();
        assertThat(report.added(ImportKey.Kind.POST)).isEqualTo(4);
        assertThat(forum().topics().byExternalKey(ADMIN, board.id(), "seed-page")).isEmpty();
        assertThat(given().reload(board).postCount()).isZero();
        assertThat(mapped((new ImportKey("discuz", ImportKey.Kind.POST, "p1"))))
                .isEmpty();
    }

    @Test
    @DisplayName("two app nodes running the same import at once write every record once")
    void concurrentRuns() throws Exception {
        Board board = given().board();
        var threads = new org.forumkit.imports.ImportThread[6];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = thread("t" + t, "page-" + t, 10,
                    post("t" + t + "-1", AUTHOR, 0, "first " + t),
                    ImportFixtures.replyTo(post("t" + t + "-2", REPLIER, 1, "second " + t), "t" + t + "-1"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ImportReport>> runs = new ArrayList<>();
            for (Forum node : List.of(forum(), secondForum())) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return node.imports().run(ADMIN, source("disqus", threads), ImportOptions.into(board.id()));
                }));
            }
            start.countDown();
            long added = 0;
            for (Future<ImportReport> run : runs) {
                ImportReport report = run.get(120, TimeUnit.SECONDS);
                assertThat(report.skipped()).isEmpty();
                added += report.added(ImportKey.Kind.POST);
            }
            assertThat(added).isEqualTo(12);
        } finally {
            pool.shutdownNow();
        }
        Board after = given().reload(board);
        assertThat(after.topicCount()).isEqualTo(6);
        assertThat(after.postCount()).isEqualTo(12);
        for (int t = 0; t < threads.length; t++) {
            Topic topic = forum().topics().byExternalKey(ADMIN, board.id(), "page-" + t).orElseThrow();
            assertThat(topic.highestFloor()).isEqualTo(2);
            assertThat(topic.views()).isEqualTo(10);
            TopicPage page = forum().topics().page(ADMIN, topic.id(), TopicPageRequest.first(10));
            assertThat(page.posts()).extracting(Post::replyToFloor).containsExactly(null, 1);
        }
        assertThat(Optional.of(after.postCount())).contains(12L);
    }
}
