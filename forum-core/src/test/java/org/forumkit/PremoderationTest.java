package org.forumkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.forumkit.tck.ForumFixtures.ADMIN;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ForumFixtures.BOB;
import static org.forumkit.tck.ForumFixtures.CAROL;
import static org.forumkit.tck.ForumFixtures.MOD;

import org.forumkit.event.ForumEvent;
import org.forumkit.model.Board;
import org.forumkit.model.BoardModeration;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.DenialReason;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.PostState;
import org.forumkit.model.Premoderation;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.Viewer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Pre-moderation: boards hold new posts for approval; moderators approve, reject and read the queue")
class PremoderationTest extends ForumTestSupport {
    private static final Viewer.Member VIP = Viewer.user("vip", "贵宾", "vip");

    @Test
    @DisplayName("a board holding everyone's posts makes members' topics and replies pending, not moderators'")
    void everyone() {
        Board board = given.board(BoardModeration.everyone());
        Topic topic = given.topic(board, ALICE);
        Post reply = given.reply(topic, BOB, "等待审核");
        Post byMod = given.reply(topic, MOD, "版主回复");

        assertThat(given.allPosts(MOD, topic)).extracting(Post::state)
                .containsExactly(PostState.PENDING, PostState.PENDING, PostState.VISIBLE);
        assertThat(reply.state()).isEqualTo(PostState.PENDING);
        assertThat(byMod.state()).isEqualTo(PostState.VISIBLE);
        // Pending posts are seen by their author and moderators only.
        assertThat(given.allPosts(CAROL, topic)).extracting(Post::id).containsExactly(byMod.id());
        assertThat(given.allPosts(BOB, topic)).extracting(Post::id).containsExactly(reply.id(), byMod.id());
        assertThat(given.reload(topic).replies()).isEqualTo(1);
        assertThat(given.reload(board).postCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("a board holding posts of users without trusted roles lets role holders post directly")
    void withoutRoles() {
        Board board = given.board(BoardModeration.exceptRoles("vip"));
        Topic topic = given.topic(board, ALICE);
        assertThat(given.reply(topic, VIP, "直接发布").state()).isEqualTo(PostState.VISIBLE);
        assertThat(given.reply(topic, BOB, "等待审核").state()).isEqualTo(PostState.PENDING);
        assertThat(given.allPosts(MOD, topic).get(0).state()).isEqualTo(PostState.PENDING);
    }

    @Test
    @DisplayName("approving makes a pending post visible and counted; rejecting deletes it; both publish events")
    void approveAndReject() {
        Board board = given.board(BoardModeration.everyone());
        Topic topic = given.topic(board, MOD);
        Post first = given.reply(topic, BOB, "好帖");
        Post second = given.reply(topic, CAROL, "广告");

        Post approved = forum.posts().approve(MOD, first.id());
        Post rejected = forum.posts().reject(MOD, second.id(), "广告帖");

        assertThat(approved.state()).isEqualTo(PostState.VISIBLE);
        assertThat(rejected.state()).isEqualTo(PostState.DELETED);
        assertThat(given.reload(topic).replies()).isEqualTo(1);
        assertThat(given.reload(board).postCount()).isEqualTo(2);
        assertThat(given.allPosts(ALICE, topic)).extracting(Post::floor, Post::body)
                .containsExactly(tuple(1, "一、着眼高水平崛起核心任务"), tuple(2, "好帖"), tuple(3, ""));
        assertThat(events).filteredOn(ForumEvent.PostApproved.class::isInstance).hasSize(1);
        assertThat(events).filteredOn(ForumEvent.PostRejected.class::isInstance)
                .singleElement().extracting(e -> ((ForumEvent.PostRejected) e).reason()).isEqualTo("广告帖");

        // Repeating is harmless; the wrong transition is a conflict.
        assertThat(forum.posts().approve(MOD, first.id())).isEqualTo(approved);
        assertThat(forum.posts().reject(MOD, second.id(), "again").state()).isEqualTo(PostState.DELETED);
        assertThatThrownBy(() -> forum.posts().approve(MOD, second.id())).isInstanceOf(StateConflictException.class);
        assertThatThrownBy(() -> forum.posts().reject(MOD, first.id(), "late")).isInstanceOf(StateConflictException.class);
    }

    @Test
    @DisplayName("only moderators approve, reject and read the queue; a reject needs a reason")
    void onlyModerators() {
        Board board = given.board(BoardModeration.everyone());
        Topic topic = given.topic(board, MOD);
        Post post = given.reply(topic, BOB, "等待审核");

        assertThatThrownBy(() -> forum.posts().approve(BOB, post.id()))
                .isInstanceOfSatisfying(PermissionDeniedException.class,
                        e -> assertThat(e.reason()).isEqualTo(DenialReason.NOT_ALLOWED));
        // Someone else's pending post is not known to exist: not found, as for a missing id.
        assertThatThrownBy(() -> forum.posts().reject(ALICE, post.id(), "no"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> forum.posts().approve(Viewer.anonymous(), post.id()))
                .isInstanceOf(NotFoundException.class);
        Post visible = given.reply(given.topic(), BOB, "看得见");
        assertThatThrownBy(() -> forum.posts().approve(ALICE, visible.id()))
                .isInstanceOfSatisfying(PermissionDeniedException.class,
                        e -> assertThat(e.reason()).isEqualTo(DenialReason.NOT_ALLOWED));
        assertThatThrownBy(() -> forum.posts().approve(Viewer.anonymous(), visible.id()))
                .isInstanceOfSatisfying(PermissionDeniedException.class,
                        e -> assertThat(e.reason()).isEqualTo(DenialReason.LOGIN_REQUIRED));
        assertThatThrownBy(() -> forum.posts().pending(ALICE, board.id(), PageRequest.first(10)))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> forum.posts().reject(MOD, post.id(), "  "))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.violations()).extracting(Violation::field, Violation::code)
                                .containsExactly(tuple("reason", "blank")));
        assertThat(given.allPosts(MOD, topic).get(1).state()).isEqualTo(PostState.PENDING);
    }

    @Test
    @DisplayName("the queue lists one board's pending posts oldest first, pages by cursor and counts them")
    void queue() {
        Board board = given.board(BoardModeration.everyone());
        Board other = given.board(BoardModeration.everyone());
        Topic topic = given.topic(board, ALICE);
        Post a = given.reply(topic, BOB, "一");
        Post b = given.reply(topic, CAROL, "二");
        given.reply(given.topic(other, BOB), CAROL, "另一个版块");
        forum.posts().approve(MOD, b.id());
        Post c = given.reply(topic, CAROL, "三");

        Post opening = given.allPosts(MOD, topic).get(0);
        Page<Post, PostId> first = forum.posts().pending(MOD, board.id(), PageRequest.first(2));
        assertThat(first.items()).extracting(Post::id).containsExactly(opening.id(), a.id());
        assertThat(first.optionalTotal()).contains(3L);
        Page<Post, PostId> second = forum.posts().pending(MOD, board.id(), PageRequest.after(first.next(), 2));
        assertThat(second.items()).extracting(Post::id).containsExactly(c.id());
        assertThat(second.optionalNext()).isEmpty();
        // A board moderator reads the queue of their board too.
        Board moderated = forum.boards().create(ADMIN, CreateBoard.board(null, "own", "Own")
                .moderatedBy(BOB.id()).withModeration(BoardModeration.everyone()));
        forum.topics().start(ALICE, StartTopic.of(moderated.id(), "标题", "正文"));
        assertThat(forum.posts().pending(BOB, moderated.id(), PageRequest.first(10)).optionalTotal()).contains(1L);
    }

    @Test
    @DisplayName("an admin changes a board's moderation; later posts follow it, earlier ones keep their state")
    void updateModeration() {
        Board board = given.board();
        Topic topic = given.topic(board, ALICE);
        assertThat(board.moderation()).isEqualTo(BoardModeration.OFF);

        Board updated = forum.boards().updateModeration(ADMIN, board.id(), BoardModeration.exceptRoles("vip"));
        assertThat(updated.moderation().premoderation()).isEqualTo(Premoderation.WITHOUT_ROLES);
        assertThat(given.reload(board).moderation()).isEqualTo(BoardModeration.exceptRoles("vip"));
        assertThat(given.reply(topic, BOB, "later").state()).isEqualTo(PostState.PENDING);
        assertThat(given.allPosts(ALICE, topic).get(0).state()).isEqualTo(PostState.VISIBLE);

        assertThatThrownBy(() -> forum.boards().updateModeration(MOD, board.id(), BoardModeration.OFF))
                .isInstanceOf(PermissionDeniedException.class);
        assertThat(given.reload(board).moderation()).isEqualTo(BoardModeration.exceptRoles("vip"));
    }
}
