package org.forumkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ForumFixtures.ANONYMOUS;

import java.util.List;
import org.forumkit.censor.CensorAction;
import org.forumkit.censor.WordFilter;
import org.forumkit.memory.InMemoryForumStore;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.DenialReason;
import org.forumkit.model.Reply;
import org.forumkit.model.Topic;
import org.forumkit.tck.ForumFixtures;
import org.forumkit.tck.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A preview renders a draft as a write would, stores nothing, and is checked and throttled")
class PreviewTest {
    private Forum forum;
    private ForumFixtures given;
    private Board board;

    @BeforeEach
    void openForum() {
        forum = Forum.builder().store(new InMemoryForumStore()).clock(MutableClock.atSeedTime())
                .censorPolicy(b -> WordFilter.builder().add(CensorAction.REPLACE, "广告")
                        .add(CensorAction.REJECT, "赌博网站").build())
                .build();
        given = new ForumFixtures(forum);
        board = given.board();
    }

    @AfterEach
    void closeForum() {
        forum.close();
    }

    @Test
    @DisplayName("each format's renderer and the board's censoring, the same html a reply gets; nothing is stored")
    void rendersLikeAWrite() {
        Topic topic = given.topic(board, ALICE);
        String preview = forum.posts().preview(ALICE, board.id(), "**粗体** 看广告", ContentFormat.MARKDOWN);
        assertThat(preview).contains("<strong>粗体</strong>").doesNotContain("广告");
        long replies = given.reload(topic).replies();
        assertThat(forum.posts().reply(ALICE, new Reply(topic.id(), "**粗体** 看广告", ContentFormat.MARKDOWN, null,
                List.of())).html()).isEqualTo(preview);
        assertThat(forum.posts().preview(ALICE, board.id(), "[b]b[/b]", ContentFormat.BBCODE)).isEqualTo("<b>b</b>");
        assertThat(forum.posts().preview(ALICE, board.id(), "<script>x</script>", null))
                .doesNotContain("<script").contains("&lt;script&gt;");
        long posts = given.reload(board).postCount();
        forum.posts().preview(ALICE, board.id(), "不存", ContentFormat.PLAIN);
        assertThat(given.reload(topic).replies()).isEqualTo(replies + 1);
        assertThat(given.reload(board).postCount()).isEqualTo(posts);
    }

    @Test
    @DisplayName("a blank, too long or censored body and an unknown format are violations, as for a reply")
    void checked() {
        assertThat(catchThrowableOfType(ValidationException.class,
                () -> forum.posts().preview(ALICE, board.id(), "  ", null)).hasViolation("body", "blank")).isTrue();
        String tooLong = "字".repeat(forum.settings().maxBodyLength() + 1);
        assertThat(catchThrowableOfType(ValidationException.class,
                () -> forum.posts().preview(ALICE, board.id(), tooLong, null)).hasViolation("body", "too_long"))
                .isTrue();
        assertThat(catchThrowableOfType(ValidationException.class,
                () -> forum.posts().preview(ALICE, board.id(), "去赌博网站", null)).hasViolation("body", "censored"))
                .isTrue();
        assertThat(catchThrowableOfType(ValidationException.class,
                () -> forum.posts().preview(ALICE, board.id(), "x", ContentFormat.of("ASCIIDOC")))
                .hasViolation("format", "unknown_format")).isTrue();
    }

    @Test
    @DisplayName("only who may reply in the board: an anonymous visitor is asked to sign in, a missing board is not found")
    void permitted() {
        assertThat(catchThrowableOfType(PermissionDeniedException.class,
                () -> forum.posts().preview(ANONYMOUS, board.id(), "x", null)).reason())
                .isEqualTo(DenialReason.LOGIN_REQUIRED);
        assertThat(catchThrowableOfType(NotFoundException.class,
                () -> forum.posts().preview(ALICE, BoardId.of(9_999), "x", null))).isNotNull();
    }

    @Test
    @DisplayName("30 previews a minute per member; the 31st is rate limited with a retry-after")
    void throttled() {
        for (int i = 0; i < 30; i++) {
            forum.posts().preview(ALICE, board.id(), "第 " + i + " 次", null);
        }
        RateLimitedException limited = catchThrowableOfType(RateLimitedException.class,
                () -> forum.posts().preview(ALICE, board.id(), "再一次", null));
        assertThat(limited.retryAfter()).isPositive();
    }
}
