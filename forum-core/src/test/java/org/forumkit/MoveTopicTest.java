package org.forumkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.forumkit.tck.ForumFixtures.ADMIN;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ForumFixtures.BOB;
import static org.forumkit.tck.ForumFixtures.MOD;

import org.forumkit.model.AuditAction;
import org.forumkit.model.AuditEntry;
import org.forumkit.model.Board;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Topic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Moving a topic: moderators of both boards, counters of both boards right, audited")
class MoveTopicTest extends ForumTestSupport {

    @Test
    @DisplayName("a global moderator moves a topic; both boards count right and both logs record it")
    void move() {
        Board from = given.board();
        Board to = given.board();
        Topic topic = given.topic(from, ALICE);
        given.reply(topic, BOB, "回复");
        Topic moved = forum.topics().move(MOD, topic.id(), to.id(), "发错版块");
        assertThat(moved.boardId()).isEqualTo(to.id());
        assertThat(given.reload(from).postCount()).isZero();
        assertThat(given.reload(to).postCount()).isEqualTo(2);
        assertThat(given.reload(to).topicCount()).isEqualTo(1);
        for (Board board : new Board[] {from, to}) {
            assertThat(forum.audit().board(MOD, board.id(), PageRequest.first(5)).items())
                    .extracting(AuditEntry::action, AuditEntry::before, AuditEntry::after, AuditEntry::reason)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(AuditAction.TOPIC_MOVED,
                            from.id().toString(), to.id().toString(), "发错版块"));
        }
    }

    @Test
    @DisplayName("a board moderator cannot move into a board they do not moderate; categories take no topics")
    void rules() {
        Board own = forum.boards().create(ADMIN, CreateBoard.board(null, "own", "Own").moderatedBy(BOB.id()));
        Board other = given.board();
        Topic topic = given.topic(own, ALICE);
        assertThatThrownBy(() -> forum.topics().move(BOB, topic.id(), other.id(), "x"))
                .isInstanceOf(PermissionDeniedException.class);
        Board category = forum.boards().create(ADMIN, CreateBoard.category("cat", "分区"));
        assertThatThrownBy(() -> forum.topics().move(MOD, topic.id(), category.id(), "x"))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.violations()).extracting(Violation::code).containsExactly("not_a_board"));
        assertThat(given.reload(topic).boardId()).isEqualTo(own.id());
        assertThat(given.reload(own).topicCount()).isEqualTo(1);
    }
}
