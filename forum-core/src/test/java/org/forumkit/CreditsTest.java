package org.forumkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ForumFixtures.BOB;
import static org.forumkit.tck.ForumFixtures.CAROL;
import static org.forumkit.tck.ForumFixtures.MOD;

import java.time.Duration;
import java.util.List;
import org.forumkit.memory.InMemoryForumStore;
import org.forumkit.model.Board;
import org.forumkit.model.CreditEntry;
import org.forumkit.model.CreditEntryId;
import org.forumkit.model.CreditEvent;
import org.forumkit.model.CreditRule;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Post;
import org.forumkit.model.Topic;
import org.forumkit.model.VoteKind;
import org.forumkit.tck.ForumFixtures;
import org.forumkit.tck.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Credits (积分): per-board rules award and deduct per event within caps per cycle, in a ledger")
class CreditsTest {
    private static final List<CreditRule> RULES = List.of(
            CreditRule.once(CreditEvent.START_TOPIC, 10),
            CreditRule.daily(CreditEvent.REPLY, 2, 2),
            CreditRule.always(CreditEvent.RECEIVE_SUPPORT, 1),
            CreditRule.always(CreditEvent.POST_DELETED_BY_MODERATOR, -5));

    private MutableClock clock;
    private Forum forum;
    private ForumFixtures given;
    private Board credited;
    private Board plain;

    @BeforeEach
    void openForum() {
        clock = MutableClock.atSeedTime();
        forum = Forum.builder().store(new InMemoryForumStore()).clock(clock)
                .creditPolicy(board -> board.slug().equals("board-1") ? RULES : List.of())
                .build();
        given = new ForumFixtures(forum);
        credited = given.board();
        plain = given.board();
    }

    @AfterEach
    void closeForum() {
        forum.close();
    }

    @Test
    @DisplayName("a board's rules are readable; boards without rules award nothing")
    void rules() {
        assertThat(forum.credits().rules(ForumFixtures.ANONYMOUS, credited.id())).isEqualTo(RULES);
        assertThat(forum.credits().rules(ALICE, plain.id())).isEmpty();
        Topic topic = given.topic(plain, ALICE);
        given.reply(topic, BOB, "无积分");
        assertThat(forum.credits().balance(ALICE, ALICE.id())).isZero();
        assertThat(forum.credits().balance(ALICE, BOB.id())).isZero();
    }

    @Test
    @DisplayName("ONCE awards once ever, DAILY up to its cap per UTC day, support votes and moderator deletions always")
    void cycles() {
        Topic first = given.topic(credited, ALICE);
        given.topic(credited, ALICE);
        assertThat(forum.credits().balance(BOB, ALICE.id())).isEqualTo(10);

        Post a = given.reply(first, BOB, "一");
        given.reply(first, BOB, "二");
        given.reply(first, BOB, "三");
        assertThat(forum.credits().balance(BOB, BOB.id())).isEqualTo(4);
        clock.advance(Duration.ofDays(1));
        given.reply(first, BOB, "第二天");
        assertThat(forum.credits().balance(BOB, BOB.id())).isEqualTo(6);

        forum.votes().cast(ALICE, a.id(), VoteKind.SUPPORT);
        forum.votes().cast(CAROL, a.id(), VoteKind.SUPPORT);
        assertThat(forum.credits().balance(BOB, BOB.id())).isEqualTo(8);

        Post spam = given.reply(first, CAROL, "广告");
        forum.posts().delete(MOD, spam.id());
        Post own = given.reply(first, CAROL, "自己删");
        forum.posts().delete(CAROL, own.id());
        assertThat(forum.credits().balance(CAROL, CAROL.id())).isEqualTo(2 + 2 - 5);
    }

    @Test
    @DisplayName("the ledger lists entries newest first with the balance, to the user and global moderators only")
    void ledger() {
        Topic topic = given.topic(credited, ALICE);
        Post post = given.reply(topic, BOB, "一");
        forum.votes().cast(ALICE, post.id(), VoteKind.SUPPORT);

        Page<CreditEntry, CreditEntryId> page = forum.credits().ledger(BOB, BOB.id(), PageRequest.first(1));
        assertThat(forum.credits().balance(BOB, BOB.id())).isEqualTo(3);
        assertThat(page.items()).extracting(CreditEntry::event, CreditEntry::amount, CreditEntry::postId)
                .containsExactly(tuple(CreditEvent.RECEIVE_SUPPORT, 1L, post.id()));
        Page<CreditEntry, CreditEntryId> next = forum.credits().ledger(MOD, BOB.id(), PageRequest.after(page.next(), 5));
        assertThat(next.items()).extracting(CreditEntry::event, CreditEntry::boardId)
                .containsExactly(tuple(CreditEvent.REPLY, credited.id()));
        assertThat(next.optionalNext()).isEmpty();
        assertThatThrownBy(() -> forum.credits().ledger(CAROL, BOB.id(), PageRequest.first(5)))
                .isInstanceOf(PermissionDeniedException.class);
    }
}
