package org.forumkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.forumkit.tck.ForumFixtures.ADMIN;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ForumFixtures.BOB;
import static org.forumkit.tck.ForumFixtures.CAROL;
import static org.forumkit.tck.ForumFixtures.MOD;

import java.util.List;
import org.forumkit.model.AuditAction;
import org.forumkit.model.AuditEntry;
import org.forumkit.model.AuditId;
import org.forumkit.model.Board;
import org.forumkit.model.BoardModeration;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Post;
import org.forumkit.model.ReportPost;
import org.forumkit.model.ReportReason;
import org.forumkit.model.Resolution;
import org.forumkit.model.Topic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Audit log: every moderator action appends an entry in its transaction, readable per board and per user")
class AuditLogTest extends ForumTestSupport {

    private List<AuditEntry> boardLog(Board board) {
        return forum.audit().board(MOD, board.id(), PageRequest.first(50)).items();
    }

    @Test
    @DisplayName("lock, unlock and pin record the topic, the author concerned and the pin levels")
    void topicActions() {
        Board board = given.board();
        Topic topic = given.topic(board, ALICE);
        forum.topics().lock(MOD, topic.id(), true);
        forum.topics().lock(MOD, topic.id(), false);
        forum.topics().pin(MOD, topic.id(), 2);

        assertThat(boardLog(board)).extracting(AuditEntry::action, AuditEntry::topicId, AuditEntry::subject,
                        AuditEntry::before, AuditEntry::after)
                .containsExactly(tuple(AuditAction.TOPIC_PINNED, topic.id(), ALICE.id(), "0", "2"),
                        tuple(AuditAction.TOPIC_UNLOCKED, topic.id(), ALICE.id(), null, null),
                        tuple(AuditAction.TOPIC_LOCKED, topic.id(), ALICE.id(), null, null));
        assertThat(boardLog(board)).allSatisfy(e -> {
            assertThat(e.actor().id()).isEqualTo(MOD.id());
            assertThat(e.boardId()).isEqualTo(board.id());
            assertThat(e.at()).isEqualTo(clock.instant());
        });
    }

    @Test
    @DisplayName("deleting another's post, restoring, approving and rejecting record the post states and reason")
    void postActions() {
        Board board = given.board(BoardModeration.everyone());
        Topic topic = given.topic(board, MOD);
        Post own = given.reply(topic, BOB, "自己删");
        Post pending = given.reply(topic, BOB, "待审");
        Post spam = given.reply(topic, CAROL, "广告");
        forum.posts().approve(MOD, own.id());
        forum.posts().delete(BOB, own.id());
        forum.posts().restore(MOD, own.id());
        forum.posts().delete(MOD, own.id());
        forum.posts().approve(MOD, pending.id());
        forum.posts().reject(MOD, spam.id(), "广告帖");

        assertThat(boardLog(board)).extracting(AuditEntry::action, AuditEntry::postId, AuditEntry::before,
                        AuditEntry::after, AuditEntry::reason)
                .containsExactly(
                        tuple(AuditAction.POST_REJECTED, spam.id(), "PENDING", "DELETED", "广告帖"),
                        tuple(AuditAction.POST_APPROVED, pending.id(), "PENDING", "VISIBLE", null),
                        tuple(AuditAction.POST_DELETED, own.id(), "VISIBLE", "DELETED", null),
                        tuple(AuditAction.POST_RESTORED, own.id(), "DELETED", "VISIBLE", null),
                        tuple(AuditAction.POST_APPROVED, own.id(), "PENDING", "VISIBLE", null));
        assertThat(forum.audit().aboutUser(MOD, CAROL.id(), PageRequest.first(10)).items())
                .extracting(AuditEntry::action).containsExactly(AuditAction.POST_REJECTED);
    }

    @Test
    @DisplayName("report resolutions and board moderation changes are recorded with why and before/after")
    void reportsAndSettings() {
        Board board = given.board();
        Post post = given.reply(given.topic(board, ALICE), BOB, "广告");
        var report = forum.reports().report(CAROL, ReportPost.of(post.id(), ReportReason.SPAM));
        forum.reports().resolve(MOD, report.id(), Resolution.DELETE_POST, "广告");
        forum.boards().updateModeration(ADMIN, board.id(), BoardModeration.everyone());

        List<AuditEntry> log = boardLog(board);
        assertThat(log).extracting(AuditEntry::action)
                .containsExactly(AuditAction.BOARD_MODERATION_CHANGED, AuditAction.REPORTS_POST_DELETED);
        assertThat(log.get(0).actor().id()).isEqualTo(ADMIN.id());
        assertThat(log.get(0).before()).contains("OFF");
        assertThat(log.get(0).after()).contains("EVERYONE");
        assertThat(log.get(1).reason()).isEqualTo("广告");
        assertThat(log.get(1).subject()).isEqualTo(BOB.id());
        assertThat(log.get(1).after()).isEqualTo("DELETED");
    }

    @Test
    @DisplayName("a refused action and a member deleting their own post write no entry")
    void nothingWhenNoModeratorAction() {
        Board board = given.board();
        Topic topic = given.topic(board, ALICE);
        Post post = given.reply(topic, BOB, "x");
        assertThatThrownBy(() -> forum.topics().lock(BOB, topic.id(), true)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> forum.posts().reject(MOD, post.id(), "visible")).isInstanceOf(StateConflictException.class);
        forum.posts().delete(BOB, post.id());
        assertThat(boardLog(board)).isEmpty();
    }

    @Test
    @DisplayName("logs page newest first by cursor; boards' to their moderators, users' to global moderators and admins")
    void readingRules() {
        Board board = forum.boards().create(ADMIN, CreateBoard.board(null, "own", "Own").moderatedBy(CAROL.id()));
        Topic topic = given.topic(board, ALICE);
        for (int level = 1; level <= 3; level++) {
            forum.topics().pin(CAROL, topic.id(), level);
        }
        Page<AuditEntry, AuditId> first = forum.audit().board(CAROL, board.id(), PageRequest.first(2));
        assertThat(first.items()).extracting(AuditEntry::after).containsExactly("3", "2");
        Page<AuditEntry, AuditId> second = forum.audit().board(CAROL, board.id(), PageRequest.after(first.next(), 2));
        assertThat(second.items()).extracting(AuditEntry::after).containsExactly("1");
        assertThat(second.optionalNext()).isEmpty();
        assertThat(forum.audit().byUser(ADMIN, CAROL.id(), PageRequest.first(10)).items()).hasSize(3);

        assertThatThrownBy(() -> forum.audit().board(BOB, board.id(), PageRequest.first(10)))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> forum.audit().byUser(CAROL, CAROL.id(), PageRequest.first(10)))
                .isInstanceOf(PermissionDeniedException.class);
    }
}
