package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.forumkit.Forum;
import org.forumkit.model.AccessPolicy;
import org.forumkit.model.Action;
import org.forumkit.model.Audience;
import org.forumkit.model.Author;
import org.forumkit.model.Board;
import org.forumkit.model.BoardKind;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.PageRequest;
import org.forumkit.model.PostState;
import org.forumkit.model.SearchHit;
import org.forumkit.model.SearchOrder;
import org.forumkit.model.SearchQuery;
import org.forumkit.model.TopicId;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.forumkit.spi.store.NewBoard;
import org.forumkit.spi.store.NewPost;
import org.forumkit.spi.store.NewTopic;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A first page of search hits filters about its own size of live rows, whatever the number of candidates the index
 * proposes: the live-row filter (post state, board, filters) reads the next chunk of ranked candidates after the
 * cursor, not all of them. Before, a page of 20 filtered every candidate, up to 10,000 (10 statements of 1,000 ids),
 * so the rows grew with the candidates (1,200 → 2,500 here). Counted in rows the database handed back, per statement.
 */
class SearchPageCostTest {
    private static final Viewer.Member READER = Viewer.user("reader", "读者");
    private static final Author WRITER = new Author(UserId.of("writer"), "作者");
    private static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");

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
        JpaForumStore store;
        int written;

        Cases(TestDatabase db) {
            this.db = db;
        }

        private Board board(String slug, AccessPolicy policy) {
            return store.inTransaction(tx -> tx.insertBoard(new NewBoard(null, BoardKind.BOARD, slug, slug, "", 0,
                    java.util.Set.of(), List.of(), policy)));
        }

        /** {@code count} more posts that all say 搜索, in one new topic of {@code board}, one second apart. */
        private void write(Board board, int count) {
            store.inTransaction(tx -> {
                int first = written;
                var topic = tx.insertTopic(new NewTopic(board.id(), "话题" + first, null, WRITER, T0.plusSeconds(first),
                        null), post(null, first));
                TopicId id = topic.topic().id();
                for (int n = first + 1; n < first + count; n++) {
                    tx.appendReply(post(id, n));
                }
                return null;
            });
            written += count;
        }

        private NewPost post(TopicId topic, int n) {
            String text = "搜索 第" + n + "条";
            return new NewPost(topic, WRITER, T0.plusSeconds(n), text, ContentFormat.PLAIN, "<p>" + text + "</p>",
                    "plain/1", PostState.VISIBLE, null, List.of());
        }

        /** The rows of the live-row filter: statements that read topics but neither the index nor a board row. */
        private int liveFilterRows(Map<String, Integer> rows) {
            return rows.entrySet().stream()
                    .filter(e -> {
                        String sql = e.getKey().toLowerCase(java.util.Locale.ROOT);
                        return sql.contains("fk_topic") && !sql.contains("fk_board") && !sql.contains("fk_search");
                    })
                    .mapToInt(Map.Entry::getValue).sum();
        }

        /** The rows of every statement but the index's own (step 1, which reads the candidates' ids and scores). */
        private int rowsBesideTheIndex(Map<String, Integer> rows) {
            return rows.entrySet().stream().filter(e -> !e.getKey().toLowerCase(java.util.Locale.ROOT)
                    .contains("fk_search")).mapToInt(Map.Entry::getValue).sum();
        }

        private Map<String, Integer> firstPage(Forum forum, SearchOrder order, int expected) {
            AtomicReference<List<SearchHit>> hits = new AtomicReference<>();
            Map<String, Integer> rows = StatementCounter.rows(() -> hits.set(forum.search()
                    .find(READER, SearchQuery.of("搜索").withOrder(order), PageRequest.first(20)).items()));
            assertThat(hits.get()).hasSize(20);
            // the newest posts first, and by relevance too: every post scores the same, so the newest id wins
            assertThat(hits.get().get(0).floor()).isEqualTo(expected);
            return rows;
        }

        @Test
        void aFirstPageOfTwentyFiltersAboutTwentyLiveRowsForAnyNumberOfCandidates() {
            store = db.require().freshStore();
            Board board = board("counted", AccessPolicy.DEFAULT);
            try (Forum forum = Forum.builder().store(store).build()) {
                write(board, 1_200);
                assertThat(forum.search().reindex(Optional.empty(), 1_000, p -> { })).isEqualTo(1_200);
                Map<String, Integer> relevanceFew = firstPage(forum, SearchOrder.RELEVANCE, 1_200);
                Map<String, Integer> newestFew = firstPage(forum, SearchOrder.NEWEST, 1_200);

                write(board, 1_300);
                assertThat(forum.search().reindex(Optional.empty(), 1_000, p -> { })).isEqualTo(2_500);
                Map<String, Integer> relevanceMany = firstPage(forum, SearchOrder.RELEVANCE, 1_300);
                Map<String, Integer> newestMany = firstPage(forum, SearchOrder.NEWEST, 1_300);

                // Core asks the store for 40 candidates (twice the page) and re-checks 20 of them: the filter reads
                // the first chunk of 40, whether 1,200 or 2,500 posts hold the term (before: 1,200 and 2,500 rows).
                for (Map<String, Integer> rows : List.of(relevanceFew, newestFew, relevanceMany, newestMany)) {
                    assertThat(liveFilterRows(rows)).isEqualTo(40);
                }
                // By relevance the order comes from the index alone: beside the index's statement, the filter's 40
                // rows, the page's 20 re-checked posts and the counter shards of the one board (16 rows, read with
                // the viewer's boards and again with the re-checked posts), nothing that grows with the candidates.
                assertThat(rowsBesideTheIndex(relevanceFew)).isEqualTo(rowsBesideTheIndex(relevanceMany))
                        .isLessThanOrEqualTo(40 + 20 + 2 * 16 + 10);
                // And in a fixed, small number of statements: the boards, the index, the filter's chunk, the page's
                // posts with their topics and boards in one query and their quotes in another (before: a query for
                // each of the 20 posts and one for its quotes, over 40 statements).
                int statements = StatementCounter.count(() -> firstPage(forum, SearchOrder.RELEVANCE, 1_300));
                assertThat(statements).isLessThanOrEqualTo(8);
                // Newest first needs each candidate's time (one column by primary key): the rows beside the index
                // grow by that read only.
                assertThat(rowsBesideTheIndex(newestMany) - rowsBesideTheIndex(newestFew)).isEqualTo(2_500 - 1_200);
            }
        }

        @Test
        void aPageBehindAThousandRestrictedCandidatesFillsByGrowingChunks() {
            store = db.require().freshStore();
            Board open = board("open", AccessPolicy.DEFAULT);
            Board staffOnly = board("staff", AccessPolicy.DEFAULT.with(Action.VIEW, Audience.roles("moderator")));
            try (Forum forum = Forum.builder().store(store).build()) {
                write(open, 30);
                write(staffOnly, 1_000);
                assertThat(forum.search().reindex(Optional.empty(), 1_000, p -> { })).isEqualTo(1_030);
                for (SearchOrder order : SearchOrder.values()) {
                    AtomicReference<List<SearchHit>> hits = new AtomicReference<>();
                    Map<String, Integer> rows = StatementCounter.rows(() -> hits.set(forum.search()
                            .find(READER, SearchQuery.of("搜索").withOrder(order), PageRequest.first(20)).items()));
                    // the reader sees the open board's 30 posts only, newest first (equal scores by relevance)
                    assertThat(hits.get()).as(order.name()).hasSize(20).allMatch(hit -> hit.boardId().equals(open.id()))
                            .extracting(SearchHit::floor).startsWith(30, 29);
                    // chunks of 40, 80, 160, 320, 640 ranked candidates: the fifth reaches the open board's posts
                    assertThat(liveFilterRows(rows)).as(order.name()).isEqualTo(30);
                }
            }
        }
    }
}
