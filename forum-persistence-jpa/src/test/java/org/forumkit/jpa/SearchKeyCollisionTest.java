package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ForumFixtures.BOB;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.forumkit.Forum;
import org.forumkit.ForumSettings;
import org.forumkit.model.Board;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Post;
import org.forumkit.model.SearchQuery;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.Viewer;
import org.forumkit.spi.store.SearchCandidate;
import org.forumkit.spi.store.SearchMatch;
import org.forumkit.tck.ForumFixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's index keeps 64-bit hashes of terms, and two terms can share one. A shared key is forced here by
 * giving a post the key of a word it does not hold: the store then proposes that post, and {@code forum.search()}
 * still never returns it, because every hit is checked against the post's text. Also: Java and SQL (the migration's
 * conversion) compute the same keys.
 */
@Tag("postgresql")
class SearchKeyCollisionTest {

    @Test
    void javaAndSqlComputeTheSameKeys() throws SQLException {
        try (Connection c = TestDatabase.POSTGRESQL.dataSource().getConnection();
                PreparedStatement keys = c.prepareStatement("SELECT CAST(CAST('x' || left(md5(?), 16) AS BIT(64))"
                        + " AS BIGINT), CAST(CAST('x' || left(md5(chr(1) || ?), 16) AS BIT(64)) AS BIGINT)")) {
            for (String term : List.of("中文", "吗", "forum", "😀", "ｕｔｆ", "a", "支持中文吗")) {
                keys.setString(1, term);
                keys.setString(2, term);
                try (ResultSet rs = keys.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(term).isEqualTo(SearchKeys.key(term));
                    assertThat(rs.getLong(2)).as(term).isEqualTo(SearchKeys.titleKey(term));
                }
            }
        }
    }

    @Test
    void aSharedKeyNeverReturnsAPostWithoutTheWords() throws SQLException {
        JpaForumStore store = TestDatabase.POSTGRESQL.freshStore();
        try (Forum forum = Forum.builder().store(store).settings(ForumSettings.defaults()).build()) {
            ForumFixtures given = new ForumFixtures(forum);
            Board board = given.board();
            Topic topic = forum.topics().start(ALICE, StartTopic.of(board.id(), "水果", "无关"));
            Post apple = given.reply(topic, BOB, "我喜欢苹果");
            Post banana = given.reply(topic, BOB, "我喜欢香蕉");
            try (Connection c = TestDatabase.POSTGRESQL.dataSource().getConnection();
                    PreparedStatement collide = c.prepareStatement("UPDATE fk_search_doc SET keys = keys || ?"
                            + " WHERE post_id = ?")) {
                collide.setLong(1, SearchKeys.key("苹果"));
                collide.setLong(2, banana.id().value());
                assertThat(collide.executeUpdate()).isEqualTo(1);
            }
            SearchMatch match = new SearchMatch(List.of("苹果"), false, Set.of(board.id()), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), SearchMatch.Order.RELEVANCE,
                    Optional.empty(), 10);
            List<SearchCandidate> proposed = store.readOnly(reader -> reader.searchIndex().match(match));
            assertThat(proposed).extracting(SearchCandidate::post).containsExactlyInAnyOrder(apple.id(), banana.id());
            assertThat(forum.search().find(Viewer.user("reader", "读者"), SearchQuery.of("苹果"), PageRequest.first(20))
                    .items()).extracting(hit -> hit.postId()).containsExactly(apple.id());
            assertThat(forum.search().find(Viewer.user("reader", "读者"), SearchQuery.of("香蕉"), PageRequest.first(20))
                    .items()).extracting(hit -> hit.postId()).containsExactly(banana.id());
        }
    }
}
