package org.forumkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.forumkit.tck.ForumFixtures.ADMIN;
import static org.forumkit.tck.ImportFixtures.AUTHOR;
import static org.forumkit.tck.ImportFixtures.REPLIER;
import static org.forumkit.tck.ImportFixtures.post;
import static org.forumkit.tck.ImportFixtures.source;
import static org.forumkit.tck.ImportFixtures.thread;

import java.util.List;
import java.util.Optional;
import org.forumkit.censor.CensorAction;
import org.forumkit.censor.WordFilter;
import org.forumkit.imports.ImportOptions;
import org.forumkit.imports.ImportReport;
import org.forumkit.memory.InMemoryForumStore;
import org.forumkit.model.Board;
import org.forumkit.model.Post;
import org.forumkit.model.PostState;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.spi.CensorPolicy;
import org.forumkit.spi.store.StoreReader;
import org.forumkit.tck.ForumFixtures;
import org.forumkit.tck.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Imports follow the forum's text rules: Unicode clean-up, length limits, censored words")
class ImportTextRulesTest {
    private InMemoryForumStore store;
    private Forum forum;
    private Board board;

    @BeforeEach
    void open() {
        store = new InMemoryForumStore();
        WordFilter words = WordFilter.builder().add(CensorAction.REPLACE, "坏词").add(CensorAction.REJECT, "禁词")
                .add(CensorAction.MODERATE, "待审").build();
        forum = Forum.builder().store(store).clock(MutableClock.atSeedTime())
                .settings(ForumSettings.defaults().withMaxBodyLength(20).withMaxTitleLength(6))
                .censorPolicy(CensorPolicy.everywhere(words)).build();
        board = new ForumFixtures(forum).board();
    }

    @AfterEach
    void close() {
        forum.close();
    }

    private List<Post> posts(String key) {
        Topic topic = forum.topics().byExternalKey(ADMIN, board.id(), key).orElseThrow();
        return store.readOnly((StoreReader r) -> r.topicPage(topic.id(), TopicPageRequest.first(50), Optional.empty()))
                .orElseThrow().posts();
    }

    @Test
    @DisplayName("a too long body or title is cut and reported; control characters go; text is NFC")
    void lengthAndUnicode() {
        ImportReport report = forum.imports().run(ADMIN, source("disqus", thread("t", "page", 0,
                post("a", AUTHOR, 0, "一二三四五六七八九十一二三四五六七八九十多出来的"),
                post("b", REPLIER, 1, "e\u0301\u0007 ok"))), ImportOptions.into(board.id()));
        List<Post> posts = posts("page");
        assertThat(posts.get(0).body()).isEqualTo("一二三四五六七八九十一二三四五六七八九十");
        assertThat(posts.get(1).body()).isEqualTo("\u00e9 ok");
        assertThat(forum.topics().byExternalKey(ADMIN, board.id(), "page").orElseThrow().title()).isEqualTo("导入的主题");
        assertThat(report.notes("body_cut")).singleElement().satisfies(n -> assertThat(n.sourceId()).isEqualTo("a"));
        assertThat(report.notes("title_cut")).hasSize(1);
    }

    @Test
    @DisplayName("censored words: REPLACE stars them out, REJECT and MODERATE hold the post for moderation")
    void censoredWords() {
        ImportReport report = forum.imports().run(ADMIN, source("disqus", thread("t", "page", 0,
                post("a", AUTHOR, 0, "开头"), post("b", REPLIER, 1, "有坏词"), post("c", REPLIER, 2, "有禁词"),
                post("d", REPLIER, 3, "请待审"))), ImportOptions.into(board.id()));
        List<Post> posts = posts("page");
        assertThat(posts).extracting(Post::state).containsExactly(PostState.VISIBLE, PostState.VISIBLE,
                PostState.PENDING, PostState.PENDING);
        assertThat(posts.get(1).body()).doesNotContain("坏词");
        assertThat(posts.get(1).html()).doesNotContain("坏词");
        assertThat(report.notes("censored_held")).extracting(n -> n.sourceId()).containsExactly("c", "d");
        assertThat(report.notes("censored_replaced")).extracting(n -> n.sourceId()).containsExactly("b");
    }
}
