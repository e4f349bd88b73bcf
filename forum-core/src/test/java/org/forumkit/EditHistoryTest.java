package org.forumkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ForumFixtures.BOB;
import static org.forumkit.tck.ForumFixtures.CAROL;
import static org.forumkit.tck.ForumFixtures.MOD;

import java.time.Duration;
import java.util.Locale;
import org.forumkit.model.AuditAction;
import org.forumkit.model.AuditEntry;
import org.forumkit.model.Board;
import org.forumkit.model.BoardModeration;
import org.forumkit.model.DenialReason;
import org.forumkit.model.EditPost;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Post;
import org.forumkit.model.PostRevision;
import org.forumkit.model.Reply;
import org.forumkit.model.Topic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Edit history: every edit keeps a revision; authors edit within the board's window, moderators always")
class EditHistoryTest extends ForumTestSupport {

    @Test
    @DisplayName("authors edit within the window and are refused after it with EDIT_WINDOW_CLOSED; moderators always edit")
    void editWindow() {
        Board board = given.board(BoardModeration.OFF.allowingEditsFor(Duration.ofMinutes(10)));
        Topic topic = given.topic(board, ALICE);
        Post post = given.reply(topic, BOB, "原文");
        clock.advance(Duration.ofMinutes(9));
        assertThat(forum.posts().edit(BOB, EditPost.of(post.id(), "改一")).revision()).isEqualTo(2);
        clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> forum.posts().edit(BOB, EditPost.of(post.id(), "改二")))
                .isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DenialReason.EDIT_WINDOW_CLOSED);
                    assertThat(e.localizedMessage(Locale.SIMPLIFIED_CHINESE)).contains("编辑时限");
                    assertThat(e.localizedMessage(Locale.ENGLISH)).contains("editing");
                });
        assertThat(forum.posts().edit(MOD, EditPost.of(post.id(), "版主改")).revision()).isEqualTo(3);
        assertThat(forum.posts().revisions(BOB, post.id())).extracting(PostRevision::body).containsExactly("原文", "改一");
    }

    @Test
    @DisplayName("revisions are read by the author and moderators only; a moderator's edit of another's post is audited")
    void readingAndAudit() {
        Board board = given.board();
        Topic topic = given.topic(board, ALICE);
        Post post = given.reply(topic, BOB, "原文");
        forum.posts().edit(MOD, EditPost.of(post.id(), "版主改"));
        forum.posts().edit(BOB, EditPost.of(post.id(), "作者改"));

        assertThat(forum.posts().revisions(MOD, post.id())).extracting(PostRevision::revision).containsExactly(1, 2);
        assertThatThrownBy(() -> forum.posts().revisions(CAROL, post.id())).isInstanceOf(PermissionDeniedException.class);
        assertThat(forum.audit().board(MOD, board.id(), PageRequest.first(10)).items())
                .extracting(AuditEntry::action, AuditEntry::before, AuditEntry::after)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AuditAction.POST_EDITED, "1", "2"));
    }

    @Test
    @DisplayName("a quote snapshot of a post stays as it was when the post is edited")
    void quotesUnaffected() {
        Topic topic = given.topic(given.board(), ALICE);
        Post source = given.reply(topic, BOB, "被引用的原文");
        Post quoting = forum.posts().reply(CAROL, Reply.to(topic.id(), "引用").quoting(source.floor()));
        forum.posts().edit(BOB, EditPost.of(source.id(), "改过了"));
        assertThat(forum.posts().get(CAROL, quoting.id()).quotes().get(0).excerpt()).isEqualTo("被引用的原文");
        assertThat(forum.posts().revisions(BOB, source.id())).singleElement()
                .extracting(PostRevision::body).isEqualTo("被引用的原文");
    }
}
