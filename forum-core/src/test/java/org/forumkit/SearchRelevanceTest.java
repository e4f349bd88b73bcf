package org.forumkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ForumFixtures.ANONYMOUS;
import static org.forumkit.tck.ForumFixtures.BOB;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.forumkit.model.Board;
import org.forumkit.model.PageRequest;
import org.forumkit.model.PostId;
import org.forumkit.model.SearchHit;
import org.forumkit.model.SearchQuery;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A small judged set: for each query the posts expected on top, in order. Title words weigh three body words, then
 * occurrences count; a post must hold every word and CJK run (no stemming: {@code support} does not find
 * {@code supports}).
 */
class SearchRelevanceTest extends ForumTestSupport {
    private Map<String, PostId> posts;

    @BeforeEach
    void corpus() {
        Board board = given.board();
        Topic chinese = forum.topics().start(ALICE, StartTopic.of(board.id(), "支持中文搜索吗", "论坛能不能搜中文"));
        Topic java = forum.topics().start(ALICE, StartTopic.of(board.id(), "Java 论坛", "Forumkit supports full-text search"));
        posts = Map.of(
                "chineseOpening", given.allPosts(ALICE, chinese).get(0).id(),
                "javaOpening", given.allPosts(ALICE, java).get(0).id(),
                "threeTimes", given.reply(java, BOB, "中文 中文 中文 很重要").id(),
                "searchFeature", given.reply(chinese, BOB, "搜索功能在哪里").id(),
                "iSupportYou", given.reply(java, BOB, "我支持你").id(),
                "scattered", given.reply(chinese, BOB, "中国文化").id());
    }

    private List<PostId> top(String query) {
        clock.advance(Duration.ofSeconds(3));
        return forum.search().find(ANONYMOUS, SearchQuery.of(query), PageRequest.first(10)).items().stream()
                .map(SearchHit::postId).toList();
    }

    private List<PostId> judged(String... names) {
        return java.util.Arrays.stream(names).map(posts::get).toList();
    }

    @Test
    void judgedQueries() {
        assertThat(top("中文")).isEqualTo(judged("chineseOpening", "threeTimes"));
        assertThat(top("搜索")).isEqualTo(judged("chineseOpening", "searchFeature"));
        assertThat(top("支持")).isEqualTo(judged("chineseOpening", "iSupportYou"));
        assertThat(top("论坛")).isEqualTo(judged("javaOpening", "chineseOpening"));
        assertThat(top("search")).isEqualTo(judged("javaOpening"));
        assertThat(top("supports")).isEqualTo(judged("javaOpening"));
        assertThat(top("support")).isEmpty();
        assertThat(top("中文 很重要")).isEqualTo(judged("threeTimes"));
        assertThat(top("文化")).isEqualTo(judged("scattered"));
    }
}
