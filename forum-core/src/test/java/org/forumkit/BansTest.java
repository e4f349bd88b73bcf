package org.forumkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.forumkit.tck.ForumFixtures.ADMIN;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ForumFixtures.BOB;
import static org.forumkit.tck.ForumFixtures.CAROL;
import static org.forumkit.tck.ForumFixtures.MOD;

import java.time.Duration;
import org.forumkit.model.AuditAction;
import org.forumkit.model.AuditEntry;
import org.forumkit.model.Ban;
import org.forumkit.model.BanKind;
import org.forumkit.model.BanUser;
import org.forumkit.model.Board;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.DenialReason;
import org.forumkit.model.EditPost;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Post;
import org.forumkit.model.PostState;
import org.forumkit.model.Reply;
import org.forumkit.model.ReportPost;
import org.forumkit.model.ReportReason;
import org.forumkit.model.Resolution;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.VoteKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

@DisplayName("Bans and mutes: per board or everywhere, with expiry; writes fail with BANNED and pages announce it")
class BansTest extends ForumTestSupport {

    private static DenialReason reasonOf(Executable action) {
        try {
            action.execute();
        } catch (PermissionDeniedException e) {
            return e.reason();
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        return null;
    }

    @Test
    @DisplayName("a banned user can neither post, reply, edit, vote nor report in the board, and the page says BANNED")
    void banBlocksEveryWrite() {
        Board board = given.board();
        Topic topic = given.topic(board, ALICE);
        Post own = given.reply(topic, BOB, "之前的回复");
        forum.bans().ban(MOD, BanUser.inBoard(BOB.id(), board.id(), BanKind.BAN, null, "灌水"));

        assertThat(reasonOf(() -> given.reply(topic, BOB, "还想回复"))).isEqualTo(DenialReason.BANNED);
        assertThat(reasonOf(() -> forum.topics().start(BOB, StartTopic.of(board.id(), "标题", "正文"))))
                .isEqualTo(DenialReason.BANNED);
        assertThat(reasonOf(() -> forum.posts().edit(BOB, EditPost.of(own.id(), "改")))).isEqualTo(DenialReason.BANNED);
        assertThat(reasonOf(() -> forum.votes().cast(BOB, topicOpening(topic).id(), VoteKind.SUPPORT)))
                .isEqualTo(DenialReason.BANNED);
        assertThat(reasonOf(() -> forum.reports().report(BOB, ReportPost.of(topicOpening(topic).id(), ReportReason.SPAM))))
                .isEqualTo(DenialReason.BANNED);
        var page = forum.topics().page(BOB, topic.id(), TopicPageRequest.first(20));
        assertThat(page.permissions().reply().reason()).isEqualTo(DenialReason.BANNED);
        assertThat(page.permissions().vote().reason()).isEqualTo(DenialReason.BANNED);
        assertThat(forum.boards().permissions(BOB, board.id()).startTopic().reason())
                .isEqualTo(DenialReason.BANNED);
        assertThat(given.allPosts(BOB, topic)).hasSize(2);

        // Other boards and other users are untouched.
        Topic elsewhere = given.topic(given.board(), ALICE);
        assertThat(given.reply(elsewhere, BOB, "别处可以").state()).isEqualTo(PostState.VISIBLE);
        assertThat(given.reply(topic, CAROL, "我可以").state()).isEqualTo(PostState.VISIBLE);
    }

    private Post topicOpening(Topic topic) {
        return given.allPosts(ADMIN, topic).get(0);
    }

    @Test
    @DisplayName("a mute stops topics, replies and edits but not votes and reports")
    void mute() {
        Board board = given.board();
        Topic topic = given.topic(board, ALICE);
        forum.bans().ban(MOD, BanUser.inBoard(BOB.id(), board.id(), BanKind.MUTE, null, "禁言"));
        assertThat(reasonOf(() -> given.reply(topic, BOB, "x"))).isEqualTo(DenialReason.BANNED);
        Post opening = topicOpening(topic);
        assertThat(forum.votes().cast(BOB, opening.id(), VoteKind.SUPPORT).support()).isEqualTo(1);
        assertThat(forum.reports().report(BOB, ReportPost.of(opening.id(), ReportReason.SPAM))).isNotNull();
    }

    @Test
    @DisplayName("a global ban applies in every board; a ban ends when it expires or is lifted")
    void globalExpiryAndLift() {
        Topic first = given.topic(given.board(), ALICE);
        Topic second = given.topic(given.board(), ALICE);
        Ban ban = forum.bans().ban(MOD, BanUser.everywhere(BOB.id(), BanKind.BAN, Duration.ofHours(1), "广告"));
        assertThat(ban.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        assertThat(reasonOf(() -> given.reply(first, BOB, "x"))).isEqualTo(DenialReason.BANNED);
        assertThat(reasonOf(() -> given.reply(second, BOB, "x"))).isEqualTo(DenialReason.BANNED);
        assertThat(forum.bans().active(BOB, BOB.id())).containsExactly(ban);

        clock.advance(Duration.ofHours(1));
        assertThat(given.reply(first, BOB, "到期了").state()).isEqualTo(PostState.VISIBLE);
        assertThat(forum.bans().active(MOD, BOB.id())).isEmpty();

        Ban again = forum.bans().ban(ADMIN, BanUser.everywhere(BOB.id(), BanKind.MUTE, null, "再犯"));
        assertThat(reasonOf(() -> given.reply(first, BOB, "x"))).isEqualTo(DenialReason.BANNED);
        Ban lifted = forum.bans().lift(MOD, again.id(), "申诉成功");
        assertThat(lifted.liftedBy().id()).isEqualTo(MOD.id());
        assertThat(given.reply(first, BOB, "解封").state()).isEqualTo(PostState.VISIBLE);
        assertThat(forum.bans().lift(MOD, again.id(), "again")).isEqualTo(lifted);
    }

    @Test
    @DisplayName("board moderators ban in their board only; bans and lifts are audited; moderators are not stopped")
    void whoBansAndAudit() {
        Board board = forum.boards().create(ADMIN, CreateBoard.board(null, "own", "Own").moderatedBy(CAROL.id()));
        Topic topic = given.topic(board, ALICE);
        assertThat(reasonOf(() -> forum.bans().ban(CAROL, BanUser.everywhere(BOB.id(), BanKind.BAN, null, "x"))))
                .isEqualTo(DenialReason.NOT_ALLOWED);
        assertThat(reasonOf(() -> forum.bans().ban(ALICE, BanUser.inBoard(BOB.id(), board.id(), BanKind.BAN, null,
                "x")))).isEqualTo(DenialReason.NOT_ALLOWED);
        assertThat(reasonOf(() -> forum.bans().active(ALICE, BOB.id()))).isEqualTo(DenialReason.NOT_ALLOWED);
        Ban ban = forum.bans().ban(CAROL, BanUser.inBoard(BOB.id(), board.id(), BanKind.BAN, Duration.ofDays(3), "刷屏"));
        forum.bans().lift(CAROL, ban.id(), "误封");
        forum.bans().ban(MOD, BanUser.inBoard(CAROL.id(), board.id(), BanKind.BAN, null, "版主也会被封"));
        assertThat(forum.posts().reply(CAROL, Reply.to(topic.id(), "版主照常回复")).state()).isEqualTo(PostState.VISIBLE);

        assertThat(forum.audit().board(CAROL, board.id(), PageRequest.first(10)).items())
                .extracting(AuditEntry::action, AuditEntry::subject, AuditEntry::reason)
                .containsExactly(
                        tuple(AuditAction.USER_BANNED, CAROL.id(), "版主也会被封"),
                        tuple(AuditAction.BAN_LIFTED, BOB.id(), "误封"),
                        tuple(AuditAction.USER_BANNED, BOB.id(), "刷屏"));
        assertThatThrownBy(() -> forum.bans().ban(MOD, BanUser.everywhere(BOB.id(), BanKind.BAN, Duration.ZERO, " ")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactlyInAnyOrder("duration", "reason"));
    }

    @Test
    @DisplayName("resolving reports with BAN_AUTHOR deletes the post and bans its author in the board")
    void banAuthor() {
        Board board = given.board();
        Topic topic = given.topic(board, ALICE);
        Post spam = given.reply(topic, BOB, "加微信");
        var report = forum.reports().report(CAROL, ReportPost.of(spam.id(), ReportReason.SPAM));
        forum.reports().resolve(MOD, report.id(), Resolution.BAN_AUTHOR, "广告号");
        assertThat(forum.posts().get(MOD, spam.id()).state()).isEqualTo(PostState.DELETED);
        assertThat(reasonOf(() -> given.reply(topic, BOB, "x"))).isEqualTo(DenialReason.BANNED);
        assertThat(forum.bans().active(MOD, BOB.id())).singleElement()
                .satisfies(b -> assertThat(b.boardId()).isEqualTo(board.id()));
        assertThat(forum.audit().board(MOD, board.id(), PageRequest.first(10)).items()).extracting(AuditEntry::action)
                .containsExactly(AuditAction.REPORTS_AUTHOR_BANNED, AuditAction.USER_BANNED);
    }
}
