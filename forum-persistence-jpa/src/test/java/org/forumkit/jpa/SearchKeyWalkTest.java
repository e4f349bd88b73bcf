package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.forumkit.model.AccessPolicy;
import org.forumkit.model.Author;
import org.forumkit.model.Board;
import org.forumkit.model.BoardKind;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.PostId;
import org.forumkit.model.PostState;
import org.forumkit.model.TopicId;
import org.forumkit.model.UserId;
import org.forumkit.spi.store.IndexedTerm;
import org.forumkit.spi.store.NewBoard;
import org.forumkit.spi.store.NewPost;
import org.forumkit.spi.store.NewTopic;
import org.forumkit.spi.store.SearchCandidate;
import org.forumkit.spi.store.SearchMatch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's multi-key match walks the newest ids first and then, from the share of them that hold every key,
 * walks on or asks the GIN index for what is older (SearchKeyRows): whichever it takes, it finds exactly the posts
 * that hold every key, for keys in every post, in one post of a hundred and in none; and it binds no parameter.
 */
@Tag("postgresql")
class SearchKeyWalkTest {
    private static final Author WRITER = new Author(UserId.of("writer"), "作者");
    private static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");
    private static final int POSTS = 2_600;

    private List<PostId> match(JpaForumStore store, Board board, String... terms) {
        SearchMatch match = new SearchMatch(List.of(terms), false, Set.of(board.id()), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), SearchMatch.Order.NEWEST, Optional.empty(),
                SearchMatch.SCANNED);
        return store.readOnly(reader -> reader.searchIndex().match(match)).stream().map(SearchCandidate::post)
                .toList();
    }

    @Test
    void aMultiKeyMatchFindsEveryPostHoldingAllKeysOverTheWindowsItWalks() {
        JpaForumStore store = TestDatabase.POSTGRESQL.require().freshStore();
        Board board = store.inTransaction(tx -> tx.insertBoard(new NewBoard(null, BoardKind.BOARD, "walk", "Walk", "",
                0, Set.of(), List.of(), AccessPolicy.DEFAULT)));
        List<PostId> posts = store.inTransaction(tx -> {
            List<PostId> written = new ArrayList<>();
            var topic = tx.insertTopic(new NewTopic(board.id(), "话题", null, WRITER, T0, null), post(null, 0));
            written.add(topic.openingPost().id());
            TopicId id = topic.topic().id();
            for (int n = 1; n < POSTS; n++) {
                written.add(tx.appendReply(post(id, n)).id());
            }
            // every post holds aa and bb; one in a hundred also cc and dd; one in three ee, and ff alone elsewhere
            Map<PostId, List<IndexedTerm>> terms = new HashMap<>();
            for (int n = 0; n < POSTS; n++) {
                List<IndexedTerm> held = new ArrayList<>(List.of(term("aa"), term("bb")));
                if (n % 100 == 7) {
                    held.addAll(List.of(term("cc"), term("dd")));
                }
                held.add(term(n % 3 == 0 ? "ee" : "ff"));
                terms.put(written.get(n), held);
            }
            tx.searchIndex().replaceAll(terms);
            return written;
        });
        List<PostId> newestFirst = new ArrayList<>(posts);
        java.util.Collections.reverse(newestFirst);

        List<String> statements = new ArrayList<>();
        List<PostId> common = StatementCounter.beforeEach(statements::add, () -> match(store, board, "aa", "bb"));
        assertThat(common).containsExactlyElementsOf(newestFirst);
        // the newest id, the first window walked, then the GIN index for the older rest
        assertThat(statements).filteredOn(sql -> sql.contains("fk_search_doc")).hasSize(3);

        assertThat(match(store, board, "cc", "dd")).containsExactlyElementsOf(
                newestFirst.stream().filter(p -> posts.indexOf(p) % 100 == 7).toList());
        assertThat(match(store, board, "aa", "ee")).containsExactlyElementsOf(
                newestFirst.stream().filter(p -> posts.indexOf(p) % 3 == 0).toList());
        assertThat(match(store, board, "ee", "ff")).isEmpty();
        // one key: one statement, as PostgreSQL plans it
        statements.clear();
        assertThat(StatementCounter.beforeEach(statements::add, () -> match(store, board, "cc"))).hasSize(26);
        assertThat(statements).filteredOn(sql -> sql.contains("fk_search_doc")).hasSize(1);
        // No statement of a match binds a parameter: from a prepared statement's fifth run PgJDBC prepares it on the
        // server, and PostgreSQL then plans it once for any keys (a generic plan took the GIN bitmap for a key in
        // every post, 192 ms against 18 ms at 100,000 posts); with the keys as literals each run is planned for them.
        statements.clear();
        for (int run = 0; run < 8; run++) {
            StatementCounter.beforeEach(statements::add, () -> match(store, board, "aa"));
            StatementCounter.beforeEach(statements::add, () -> match(store, board, "aa", "ee"));
        }
        assertThat(statements).filteredOn(sql -> sql.contains("fk_search_doc")).hasSize(8 * (1 + 3))
                .noneMatch(sql -> sql.contains("?"));
    }

    /**
     * Past the first window a common match goes on over a bounded range of older ids (the GIN bitmap within the range
     * or a walk of it, as PostgreSQL plans it), not the GIN index over every older match: it still finds exactly the
     * newest posts holding every key, as many as a match keeps.
     */
    @Test
    void aCommonMultiKeyMatchGoesOnOverABoundedRangeOfOlderIds() {
        JpaForumStore store = TestDatabase.POSTGRESQL.require().freshStore();
        Board board = store.inTransaction(tx -> tx.insertBoard(new NewBoard(null, BoardKind.BOARD, "range", "Range",
                "", 0, Set.of(), List.of(), AccessPolicy.DEFAULT)));
        int total = SearchMatch.SCANNED + 2_000;
        TopicId topic = store.inTransaction(tx -> tx.insertTopic(new NewTopic(board.id(), "话题", null, WRITER, T0,
                null), post(null, 0)).topic().id());
        // the replies in one statement (12,000 through the store take 45 s here); the index through the store
        List<PostId> posts = new ArrayList<>();
        try (java.sql.Connection c = TestDatabase.POSTGRESQL.dataSource().getConnection();
                java.sql.Statement s = c.createStatement()) {
            long id = topic.value();
            s.executeUpdate("insert into fk_post (topic_id, floor, author_id, author_name, created_at, revision, body,"
                    + " format, html, renderer, state, support, oppose) select " + id + ", n + 1, 'writer', '作者',"
                    + " timestamptz '2024-05-01 08:00:00+00' + n * interval '1 second', 1, '第' || n || '条', 'PLAIN',"
                    + " '<p>第' || n || '条</p>', 'plain/1', 'VISIBLE', 0, 0 from generate_series(1, " + (total - 1)
                    + ") n");
            s.executeUpdate("update fk_topic set highest_floor = " + total + ", replies = " + (total - 1)
                    + " where id = " + id);
            try (java.sql.ResultSet rows = s.executeQuery("select id from fk_post where topic_id = " + id
                    + " order by floor")) {
                while (rows.next()) {
                    posts.add(new PostId(rows.getLong(1)));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(posts).hasSize(total);
        store.inTransaction(tx -> {
            // nine posts in ten hold aa and bb
            Map<PostId, List<IndexedTerm>> terms = new HashMap<>();
            for (int n = 0; n < total; n++) {
                terms.put(posts.get(n), n % 10 == 3 ? List.of(term("zz")) : List.of(term("aa"), term("bb")));
            }
            tx.searchIndex().replaceAll(terms);
            return null;
        });
        List<PostId> holding = new ArrayList<>();
        for (int n = total - 1; n >= 0; n--) {
            if (n % 10 != 3) {
                holding.add(posts.get(n));
            }
        }

        List<String> statements = new ArrayList<>();
        List<PostId> found = StatementCounter.beforeEach(statements::add, () -> match(store, board, "aa", "bb"));
        assertThat(found).containsExactlyElementsOf(holding.subList(0, SearchMatch.SCANNED));
        List<String> index = statements.stream().filter(sql -> sql.contains("fk_search_doc")).toList();
        // the newest id, the first window walked, then one bounded range of older ids
        assertThat(index).hasSize(3);
        assertThat(index.get(2)).contains("keys @>").doesNotContain("coalesce(keys").containsPattern(
                "post_id > [0-9]+ and post_id <= [0-9]+");

        // then 1,500 newer posts without aa (a burst of replies): the first window finds none, so a second, eight
        // times as long, measures the match before the range; found exactly as before
        List<PostId> burst = new ArrayList<>();
        try (java.sql.Connection c = TestDatabase.POSTGRESQL.dataSource().getConnection();
                java.sql.Statement s = c.createStatement()) {
            s.executeUpdate("insert into fk_post (topic_id, floor, author_id, author_name, created_at, revision, body,"
                    + " format, html, renderer, state, support, oppose) select " + topic.value() + ", n + 1, 'writer',"
                    + " '作者', timestamptz '2024-05-01 08:00:00+00' + n * interval '1 second', 1, 'x', 'PLAIN',"
                    + " '<p>x</p>', 'plain/1', 'VISIBLE', 0, 0 from generate_series(" + total + ", " + (total + 1_499)
                    + ") n");
            try (java.sql.ResultSet rows = s.executeQuery("select id from fk_post where topic_id = " + topic.value()
                    + " and floor > " + total + " order by floor")) {
                while (rows.next()) {
                    burst.add(new PostId(rows.getLong(1)));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        store.inTransaction(tx -> {
            Map<PostId, List<IndexedTerm>> terms = new HashMap<>();
            burst.forEach(post -> terms.put(post, List.of(term("zz"))));
            tx.searchIndex().replaceAll(terms);
            return null;
        });
        statements.clear();
        found = StatementCounter.beforeEach(statements::add, () -> match(store, board, "aa", "bb"));
        assertThat(found).containsExactlyElementsOf(holding.subList(0, SearchMatch.SCANNED));
        index = statements.stream().filter(sql -> sql.contains("fk_search_doc")).toList();
        assertThat(index).hasSize(4);
        assertThat(index.get(3)).doesNotContain("coalesce(keys").containsPattern(
                "post_id > [0-9]+ and post_id <= [0-9]+");
    }

    private static IndexedTerm term(String term) {
        return new IndexedTerm(term, false, 1);
    }

    private static NewPost post(TopicId topic, int n) {
        return new NewPost(topic, WRITER, T0.plusSeconds(n), "第" + n + "条", ContentFormat.PLAIN, "<p>第" + n + "条</p>",
                "plain/1", PostState.VISIBLE, null, List.of());
    }
}
