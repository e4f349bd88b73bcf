package org.forumkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ForumFixtures.BOB;
import static org.forumkit.tck.ForumFixtures.MOD;

import java.util.Locale;
import org.forumkit.censor.CensorAction;
import org.forumkit.censor.WordFilter;
import org.forumkit.memory.InMemoryForumStore;
import org.forumkit.model.Board;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.EditPost;
import org.forumkit.model.Post;
import org.forumkit.model.PostState;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.tck.ForumFixtures;
import org.forumkit.tck.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Censored words are applied to titles and bodies per board, and built-in formats are registered")
class CensorshipTest {
    private static final WordFilter WORDS = WordFilter.builder()
            .add(CensorAction.REPLACE, "广告")
            .add(CensorAction.MODERATE, "代开发票")
            .add(CensorAction.REJECT, "赌博网站")
            .build();

    private Forum forum;
    private ForumFixtures given;
    private Board censored;
    private Board open;

    @BeforeEach
    void openForum() {
        forum = Forum.builder().store(new InMemoryForumStore()).clock(MutableClock.atSeedTime())
                .censorPolicy(board -> board.slug().equals("board-1") ? WORDS : WordFilter.empty())
                .build();
        given = new ForumFixtures(forum);
        censored = given.board();
        open = given.board();
    }

    @AfterEach
    void closeForum() {
        forum.close();
    }

    @Test
    @DisplayName("a REJECT word in a title or body refuses the topic with a 'censored' violation and writes nothing")
    void rejectTopic() {
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> forum.topics().start(ALICE,
                StartTopic.of(censored.id(), "欢迎访问赌 博 网 站", "正文里也有赌博网站")));
        assertThat(e.hasViolation("title", "censored")).isTrue();
        assertThat(e.hasViolation("body", "censored")).isTrue();
        assertThat(e.localizedMessage(Locale.SIMPLIFIED_CHINESE)).contains("不允许的词语", "赌博网站");
        assertThat(e.getMessage()).contains("not allowed");
        assertThat(given.reload(censored).topicCount()).isZero();
    }

    @Test
    @DisplayName("REPLACE words are starred in the stored title, body and rendering")
    void replace() {
        Topic topic = forum.topics().start(ALICE, StartTopic.of(censored.id(), "免费广*告", "看广告"));
        assertThat(topic.title()).isEqualTo("免费***");
        Post opening = given.allPosts(ALICE, topic).get(0);
        assertThat(opening.body()).isEqualTo("看**");
        assertThat(opening.html()).contains("看**").doesNotContain("广告");
    }

    @Test
    @DisplayName("a MODERATE word sends a reply for approval; moderators' own posts stay visible")
    void moderate() {
        Topic topic = given.topic(censored, ALICE);
        Post pending = forum.posts().reply(BOB, Reply.to(topic.id(), "代 开 发 票，联系我"));
        assertThat(pending.state()).isEqualTo(PostState.PENDING);
        assertThat(given.allPosts(ALICE, topic)).extracting(Post::id).doesNotContain(pending.id());
        assertThat(given.reload(topic).replies()).isZero();
        Post byModerator = forum.posts().reply(MOD, Reply.to(topic.id(), "代开发票是违法的"));
        assertThat(byModerator.state()).isEqualTo(PostState.VISIBLE);
    }

    @Test
    @DisplayName("edits are checked too: REJECT refuses the edit, MODERATE sends the post back for approval")
    void edit() {
        Topic topic = given.topic(censored, ALICE);
        Post reply = given.reply(topic, BOB, "正常的回复");
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> forum.posts().edit(BOB, EditPost.of(reply.id(), "赌博网站")));
        assertThat(e.hasViolation("body", "censored")).isTrue();
        assertThat(forum.posts().get(BOB, reply.id()).body()).isEqualTo("正常的回复");

        Post edited = forum.posts().edit(BOB, EditPost.of(reply.id(), "代开发票，广告"));
        assertThat(edited.state()).isEqualTo(PostState.PENDING);
        assertThat(edited.body()).isEqualTo("代开发票，**");
        assertThat(given.reload(topic).replies()).isZero();
    }

    @Test
    @DisplayName("each board has its own words")
    void perBoard() {
        Topic topic = forum.topics().start(ALICE, StartTopic.of(open.id(), "赌博网站的报道", "广告"));
        assertThat(topic.title()).isEqualTo("赌博网站的报道");
        assertThat(given.allPosts(ALICE, topic).get(0).body()).isEqualTo("广告");
    }

    @Test
    @DisplayName("BBCODE and MARKDOWN are registered by default and render safely")
    void builtInFormats() {
        Topic bb = forum.topics().start(ALICE, StartTopic.of(open.id(), "BBCode", "[b]粗体[/b][url=javascript:x]y[/url]")
                .withFormat(ContentFormat.BBCODE));
        Post bbPost = given.allPosts(ALICE, bb).get(0);
        assertThat(bbPost.html()).contains("<b>粗体</b>").doesNotContain("javascript");
        assertThat(bbPost.renderer()).isEqualTo("bbcode/1");
        Post md = forum.posts().reply(BOB, Reply.to(bb.id(), "**粗体** <script>x</script>")
                .withFormat(ContentFormat.MARKDOWN));
        assertThat(md.html()).contains("<strong>粗体</strong>", "&lt;script&gt;");
        assertThat(md.renderer()).isEqualTo("markdown/1");
    }
}
