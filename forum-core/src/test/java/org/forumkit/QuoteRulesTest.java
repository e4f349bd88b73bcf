package org.forumkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ForumFixtures.BOB;
import static org.forumkit.tck.ForumFixtures.CAROL;
import static org.forumkit.tck.ForumFixtures.MOD;

import org.forumkit.model.DenialReason;
import org.forumkit.model.Post;
import org.forumkit.model.PostState;
import org.forumkit.model.Quote;
import org.forumkit.model.Reply;
import org.forumkit.model.Topic;
import org.forumkit.spi.store.NewPost;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Quotes are built by the server from the stored source")
class QuoteRulesTest extends ForumTestSupport {
    private static final String FOURTH = "  四是加强社会工作专业人才队伍建设，提高社会事务管理和社会服务水平。\n"
            + "  民政部门将建设社会工作教育培训体系，坚持实施“万名社会建设人才培训计划”。";

    @Test
    @DisplayName("an excerpt matches across differences in white space and keeps the source's line breaks")
    void excerptMatchesFoldedWhitespace() {
        Topic topic = given.topic();
        Post source = given.reply(topic, BOB, FOURTH);
        Post reply = forum.posts().reply(CAROL, Reply.to(topic.id(), "希望该培训真的能系统落实~")
                .quoting(source.floor(), "社会服务水平。   民政部门将建设"));

        Quote quote = reply.quotes().get(0);
        assertThat(quote.excerpt()).isEqualTo("社会服务水平。\n  民政部门将建设");
        assertThat(quote.whole()).isFalse();
        assertThat(quote.truncated()).isFalse();
        assertThat(quote.sourceRevision()).isEqualTo(1);
    }

    @Test
    @DisplayName("an excerpt that is not in the source is refused and nothing is written")
    void excerptNotInSource() {
        Topic topic = given.topic();
        Post source = given.reply(topic, BOB, FOURTH);
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> forum.posts().reply(CAROL,
                Reply.to(topic.id(), "伪造引用").quoting(source.floor(), "五是这段话根本不存在")));

        assertThat(e.violations()).containsExactly(Violation.of("quotes[0].excerpt", "excerpt_not_in_source"));
        assertThat(given.reload(topic).highestFloor()).isEqualTo(2);
    }

    @Test
    @DisplayName("quoting a floor that does not exist, or twice, is refused")
    void unknownAndDuplicateFloors() {
        Topic topic = given.topic();
        assertThat(catchThrowableOfType(ValidationException.class, () -> forum.posts().reply(CAROL,
                Reply.to(topic.id(), "x").quoting(7))).hasViolation("quotes[0].floor", "unknown_floor")).isTrue();
        assertThat(catchThrowableOfType(ValidationException.class, () -> forum.posts().reply(CAROL,
                Reply.to(topic.id(), "x").quoting(1).quoting(1, "一"))).hasViolation("quotes[1].floor", "duplicate"))
                .isTrue();
    }

    @Test
    @DisplayName("a post the viewer cannot see cannot be quoted: deleted, or someone else's pending post")
    void invisibleSources() {
        Topic topic = given.topic();
        Post deleted = given.reply(topic, BOB, "删掉的");
        forum.posts().delete(MOD, deleted.id());
        Post pending = store.inTransaction(tx -> tx.appendReply(new NewPost(topic.id(),
                new org.forumkit.model.Author(BOB.id(), "鲍勃"), clock.instant(), "待审核", deleted.format(),
                "<p>待审核</p>", "plain/1", PostState.PENDING, null, java.util.List.of())));

        PermissionDeniedException e = catchThrowableOfType(PermissionDeniedException.class,
                () -> forum.posts().reply(CAROL, Reply.to(topic.id(), "x").quoting(deleted.floor())));
        assertThat(e.reason()).isEqualTo(DenialReason.NOT_ALLOWED);
        // Someone else's pending floor answers like a floor that does not exist: its existence is not told.
        ValidationException hidden = catchThrowableOfType(ValidationException.class,
                () -> forum.posts().reply(CAROL, Reply.to(topic.id(), "x").quoting(pending.floor())));
        ValidationException missing = catchThrowableOfType(ValidationException.class,
                () -> forum.posts().reply(CAROL, Reply.to(topic.id(), "x").quoting(99)));
        assertThat(hidden.violations()).isEqualTo(missing.violations())
                .extracting(Violation::code).containsExactly("unknown_floor");
        // its author may quote a pending post of their own
        assertThat(forum.posts().reply(BOB, Reply.to(topic.id(), "x").quoting(pending.floor())).quotes()).hasSize(1);
        assertThat(given.reload(topic).highestFloor()).isEqualTo(4);
    }

    @Test
    @DisplayName("long quotes are cut to the configured length in code points and marked truncated")
    void truncation() {
        Topic topic = given.topic();
        Post source = given.reply(topic, BOB, "😀".repeat(400));
        Quote quote = forum.posts().reply(CAROL, Reply.to(topic.id(), "x").quoting(source.floor())).quotes().get(0);
        assertThat(quote.whole()).isTrue();
        assertThat(quote.truncated()).isTrue();
        assertThat(quote.excerpt()).isEqualTo("😀".repeat(300));
    }

    @Test
    @DisplayName("a quote names the quoted author in an event, after commit")
    void quotedEvent() {
        Topic topic = given.topic();
        Post source = given.reply(topic, BOB, FOURTH);
        events.clear();
        Post reply = forum.posts().reply(ALICE, Reply.to(topic.id(), "同意").quoting(source.floor(), "社会服务水平"));

        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOfSatisfying(org.forumkit.event.ForumEvent.PostCreated.class,
                e -> assertThat(e.post()).isEqualTo(reply));
        assertThat(events.get(1)).isInstanceOfSatisfying(org.forumkit.event.ForumEvent.PostQuoted.class, e -> {
            assertThat(e.quotedAuthor().id()).isEqualTo(BOB.id());
            assertThat(e.quotedPost().id()).isEqualTo(source.id());
        });
    }
}
