package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.forumkit.Forum;
import org.forumkit.ForumSettings;
import org.forumkit.model.AccessPolicy;
import org.forumkit.model.Author;
import org.forumkit.model.Board;
import org.forumkit.model.BoardKind;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.Post;
import org.forumkit.model.PostState;
import org.forumkit.model.Quote;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicCursor;
import org.forumkit.model.TopicId;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.forumkit.model.VoteKind;
import org.forumkit.spi.store.NewBoard;
import org.forumkit.spi.store.NewPost;
import org.forumkit.spi.store.NewTopic;
import org.forumkit.spi.store.StoredTopicPage;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A topic page and a board listing cost the same, small number of SQL statements whatever their size; buffered
 * views are written in one statement per chunk of topics, not one per topic.
 */
class StatementCountTest {
    private static final Viewer.Member READER = Viewer.user("reader", "读者");
    private static final Author WRITER = new Author(UserId.of("writer"), "作者");
    private static final Author OTHER = new Author(UserId.of("other"), "别人");
    private static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");

    private JpaForumStore store;

    private Board board() {
        return store.inTransaction(tx -> tx.insertBoard(new NewBoard(null, BoardKind.BOARD, "counted", "Counted", "",
                0, java.util.Set.of(), List.of(), AccessPolicy.DEFAULT)));
    }

    private NewPost post(TopicId topic, Author author, int n, List<Quote> quotes) {
        return new NewPost(topic, author, T0.plusSeconds(n), "floor " + n, ContentFormat.PLAIN, "<p>floor " + n + "</p>",
                "plain/1", PostState.VISIBLE, null, quotes);
    }

    /** A topic of 260 floors; every third reply quotes floor 1 and the reader voted on every fourth. */
    private Topic bigTopic(Board board) {
        return store.inTransaction(tx -> {
            NewTopic topic = new NewTopic(board.id(), "Big", null, WRITER, T0, null);
            var started = tx.insertTopic(topic, post(null, WRITER, 0, List.of()));
            Post first = started.openingPost();
            Quote quote = new Quote(first.id(), 1, first.author(), first.createdAt(), 1, "floor", false, false);
            for (int n = 2; n <= 260; n++) {
                Post reply = tx.appendReply(post(started.topic().id(), n % 2 == 0 ? WRITER : OTHER, n,
                        n % 3 == 0 ? List.of(quote) : List.of()));
                if (n % 4 == 0) {
                    tx.castVote(reply.id(), READER.id(), VoteKind.SUPPORT);
                }
            }
            return tx.topic(started.topic().id()).orElseThrow();
        });
    }

    private List<Topic> listing(Board board, Optional<TopicCursor> after, int limit) {
        return store.readOnly(reader -> reader.topics(board.id(), after, limit));
    }

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

    /** The tests, run once per database by the nested classes above (one JUnit tag each). */
    abstract class Cases {
        final TestDatabase db;

        Cases(TestDatabase db) {
            this.db = db;
        }

        @Test
        void topicPageCostsTheSameFewStatementsAtEverySize() {
            store = db.require().freshStore();
            Topic topic = bigTopic(board());

            Map<Integer, Integer> statements = new HashMap<>();
            for (int size : new int[] {5, 20, 200}) {
                StoredTopicPage[] page = new StoredTopicPage[1];
                statements.put(size, StatementCounter.count(() -> page[0] = store.readOnly(reader ->
                        reader.topicPage(topic.id(), TopicPageRequest.from(10, size), Optional.of(READER.id())))
                        .orElseThrow()));
                assertThat(page[0].posts()).hasSize(size);
                assertThat(page[0].posts().get(0).floor()).isEqualTo(10);
                assertThat(page[0].posts()).filteredOn(p -> !p.quotes().isEmpty()).isNotEmpty();
                assertThat(page[0].quoteSources()).isNotEmpty();
                assertThat(page[0].viewerVotes()).hasSize((int) page[0].posts().stream().filter(p -> p.floor() % 4 == 0).count());
            }
            assertThat(statements.values()).containsOnly(statements.get(5));
            // the header with the viewer's bans joined with the posts, the viewer's votes, their quotes and the
            // quotes' sources: 1 for a signed-in viewer too, read over the raw connection and counted there
            // (JdbcReads; 2 before the header joined the posts)
            assertThat(statements.get(5)).isLessThanOrEqualTo(3).isEqualTo(1);

            // "Only this author" and anonymous pages: still constant, and no vote query for anonymous readers.
            List<Integer> filtered = new ArrayList<>();
            for (int size : new int[] {5, 20, 120}) {
                filtered.add(StatementCounter.count(() -> assertThat(store.readOnly(reader -> reader.topicPage(topic.id(),
                        TopicPageRequest.from(1, size).onlyBy(OTHER.id()), Optional.empty())).orElseThrow().posts())
                        .hasSize(size).allMatch(p -> p.author().equals(OTHER))));
            }
            assertThat(filtered).containsOnly(2);

            // The page is read with plain JDBC: no entity is loaded at any size (with posts and quotes as entities a
            // page of 200 loaded 200 + its quotes; with scalar JPQL, 2: the header's topic and board).
            org.hibernate.stat.Statistics hibernate = db.emf().unwrap(org.hibernate.SessionFactory.class)
                    .getStatistics();
            hibernate.setStatisticsEnabled(true);
            try {
                List<Long> loaded = new ArrayList<>();
                for (int size : new int[] {5, 20, 200}) {
                    hibernate.clear();
                    assertThat(store.readOnly(reader -> reader.topicPage(topic.id(), TopicPageRequest.from(10, size),
                            Optional.of(READER.id()))).orElseThrow().posts()).hasSize(size);
                    loaded.add(hibernate.getEntityLoadCount());
                }
                assertThat(loaded).containsOnly(0L);
            } finally {
                hibernate.setStatisticsEnabled(false);
            }

            // Through the forum service, the same page costs the same: the reader's bans (so the page can announce
            // BANNED) come with the topic's header row.
            try (Forum forum = Forum.builder().store(store)
                    .settings(ForumSettings.defaults().withViewWindow(Duration.ofMinutes(30))
                            .withViewFlushInterval(Duration.ZERO)).build()) {
                List<Integer> viaForum = new ArrayList<>();
                for (int size : new int[] {5, 20, 200}) {
                    viaForum.add(StatementCounter.count(() -> assertThat(forum.topics()
                            .page(READER, topic.id(), TopicPageRequest.from(10, size)).posts()).hasSize(size)));
                }
                assertThat(viaForum).containsOnly(1);

                // One statement needs no transaction: the page is read in auto-commit, without a commit, a rollback
                // or an auto-commit switch (were 2-3 such round trips a page, for a read-only transaction).
                int controls = StatementCounter.transactionControls(() -> assertThat(forum.topics()
                        .page(READER, topic.id(), TopicPageRequest.from(10, 20)).posts()).hasSize(20));
                assertThat(controls).isZero();
                // An author filter still reads in a read-only transaction (two statements: header, then the posts).
                assertThat(StatementCounter.transactionControls(() -> forum.topics()
                        .page(READER, topic.id(), TopicPageRequest.from(1, 5).onlyBy(OTHER.id())))).isPositive();
            }
        }

        @Test
        void theCounterCountsWhatHibernateRunsAndWhatTheStoreRunsOnTheRawConnection() {
            store = db.require().freshStore();
            jakarta.persistence.EntityManager em = db.emf().createEntityManager();
            try {
                int hibernate = StatementCounter.count(() -> em.createNativeQuery("SELECT 1").getResultList());
                int raw = StatementCounter.count(() -> em.callWithConnection((java.sql.Connection c) -> {
                    try (var s = c.prepareStatement("SELECT 1"); var r = s.executeQuery()) {
                        r.next();
                    }
                    try (var s = c.createStatement()) {
                        s.execute("SELECT 2");
                        s.executeQuery("SELECT 3").close();
                    }
                    return null;
                }));
                assertThat(hibernate).isEqualTo(1);
                assertThat(raw).isEqualTo(3);
            } finally {
                em.close();
            }
        }

        @Test
        void mostSupportedCostsTheSameFewStatementsAtEverySizeAndDepth() {
            store = db.require().freshStore();
            Topic topic = bigTopic(board());
            List<Integer> first = new ArrayList<>();
            List<Integer> later = new ArrayList<>();
            for (int size : new int[] {5, 20, 200}) {
                first.add(StatementCounter.count(() -> assertThat(store.readOnly(reader -> reader.mostSupported(
                        topic.id(), org.forumkit.model.MostSupportedRequest.first(size), Optional.of(READER.id())))
                        .orElseThrow().posts()).hasSize(size).isSortedAccordingTo(org.forumkit.model.SupportCursor.ORDER)));
                // inside the run of 1-support posts: its rest, then the 0-support posts, two index ranges
                later.add(StatementCounter.count(() -> assertThat(store.readOnly(reader -> reader.mostSupported(
                        topic.id(), org.forumkit.model.MostSupportedRequest.after(
                                new org.forumkit.model.SupportCursor(1, 200), size), Optional.of(READER.id())))
                        .orElseThrow().posts()).hasSize(size).allMatch(p -> p.floor() > 200 || p.support() == 0)));
            }
            // header with the viewer's bans, posts with the viewer's votes, quotes; after the cursor the second
            // range only when the 15 ties left (floors 204, 208, …, 260) do not fill the page
            assertThat(first).containsOnly(3);
            assertThat(later).containsExactly(3, 4, 4);
        }

        @Test
        void boardListingIsOneStatementAtEverySizeAndDepth() {
            store = db.require().freshStore();
            Board board = board();
            List<Topic> topics = store.inTransaction(tx -> {
                List<Topic> started = new ArrayList<>();
                for (int n = 0; n < 60; n++) {
                    NewTopic topic = new NewTopic(board.id(), "Topic " + n, null, WRITER, T0.plusSeconds(n / 3), null);
                    started.add(tx.insertTopic(topic, post(null, WRITER, n / 3, List.of())).topic());
                }
                return started;
            });
            Topic deepest = listing(board, Optional.empty(), 30).get(29);
            TopicCursor deep = TopicCursor.after(deepest);
            for (int limit : new int[] {5, 20, 30}) {
                int first = StatementCounter.count(() -> assertThat(listing(board, Optional.empty(), limit))
                        .hasSize(limit));
                int later = StatementCounter.count(() -> assertThat(listing(board, Optional.of(deep), limit))
                        .hasSize(limit).allMatch(t -> Topic.LISTING_ORDER.compare(t, deepest) > 0));
                assertThat(first).isEqualTo(1);
                assertThat(later).isEqualTo(1);
            }

            // Buffered views: one statement for a flush of every topic, unknown topics skipped.
            Map<TopicId, Long> views = new HashMap<>();
            topics.forEach(t -> views.put(t.id(), 3L));
            views.put(TopicId.of(9_999_999), 7L);
            int flush = StatementCounter.count(() -> store.inTransaction(tx -> {
                tx.addViews(views);
                return null;
            }));
            assertThat(flush).isEqualTo(1);
            assertThat(listing(board, Optional.empty(), 100)).hasSize(60).allMatch(t -> t.views() == 3);
        }
    }
}
