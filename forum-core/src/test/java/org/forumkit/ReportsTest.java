package org.forumkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ForumFixtures.BOB;
import static org.forumkit.tck.ForumFixtures.CAROL;
import static org.forumkit.tck.ForumFixtures.MOD;

import java.util.List;
import org.forumkit.event.ForumEvent;
import org.forumkit.model.AccessPolicy;
import org.forumkit.model.Action;
import org.forumkit.model.Audience;
import org.forumkit.model.Board;
import org.forumkit.model.BoardModeration;
import org.forumkit.model.DenialReason;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Post;
import org.forumkit.model.PostState;
import org.forumkit.model.QueuedReport;
import org.forumkit.model.Report;
import org.forumkit.model.ReportId;
import org.forumkit.model.ReportPost;
import org.forumkit.model.ReportReason;
import org.forumkit.model.Resolution;
import org.forumkit.model.Topic;
import org.forumkit.model.Viewer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reports (举报): users report posts, a threshold hides a post, moderators work the queue and resolve")
class ReportsTest extends ForumTestSupport {

    private Post reported(Board board) {
        return given.reply(given.topic(board, ALICE), BOB, "加微信领红包");
    }

    private PermissionDeniedException denied(Runnable action) {
        try {
            action.run();
        } catch (PermissionDeniedException e) {
            return e;
        }
        throw new AssertionError("not denied");
    }

    @Test
    @DisplayName("a member reports a visible post; reporting again replaces the reason and text, not the count")
    void reportAndRepeat() {
        Board board = given.board();
        Post post = reported(board);
        Report first = forum.reports().report(CAROL, ReportPost.of(post.id(), ReportReason.SPAM));
        clock.advance(java.time.Duration.ofMinutes(1));
        Report again = forum.reports().report(CAROL, ReportPost.of(post.id(), ReportReason.OTHER, "  诈骗信息  "));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.reason()).isEqualTo(ReportReason.OTHER);
        assertThat(again.text()).isEqualTo("诈骗信息");
        Page<QueuedReport, ReportId> queue = forum.reports().queue(MOD, board.id(), PageRequest.first(10));
        assertThat(queue.items()).containsExactly(new QueuedReport(again, 1));
        assertThat(queue.optionalTotal()).contains(1L);
        assertThat(events).filteredOn(ForumEvent.PostReported.class::isInstance).hasSize(2);
    }

    @Test
    @DisplayName("reports need a signed-in user, the board's REPORT permission, a visible post and text for OTHER")
    void rules() {
        Board board = given.board();
        Post post = reported(board);
        assertThat(denied(() -> forum.reports().report(Viewer.anonymous(), ReportPost.of(post.id(), ReportReason.SPAM)))
                .reason()).isEqualTo(DenialReason.LOGIN_REQUIRED);
        Board closed = given.board(AccessPolicy.DEFAULT.with(Action.REPORT, Audience.NOBODY));
        Post elsewhere = reported(closed);
        assertThat(denied(() -> forum.reports().report(CAROL, ReportPost.of(elsewhere.id(), ReportReason.SPAM)))
                .reason()).isEqualTo(DenialReason.BOARD_READ_ONLY);
        assertThatThrownBy(() -> forum.reports().report(CAROL, ReportPost.of(post.id(), ReportReason.OTHER, " ")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field, Violation::code).containsExactly(tuple("text", "required")));
        forum.posts().delete(MOD, post.id());
        assertThatThrownBy(() -> forum.reports().report(CAROL, ReportPost.of(post.id(), ReportReason.SPAM)))
                .isInstanceOf(NotFoundException.class);
        assertThat(forum.reports().queue(MOD, board.id(), PageRequest.first(10)).total()).isZero();
    }

    @Test
    @DisplayName("the board's threshold of distinct reporters hides a visible post pending review")
    void threshold() {
        Board board = given.board(BoardModeration.OFF.hidingAfterReports(2));
        Post post = reported(board);
        Topic topic = forum.topics().get(MOD, post.topicId());
        forum.reports().report(CAROL, ReportPost.of(post.id(), ReportReason.SPAM));
        forum.reports().report(CAROL, ReportPost.of(post.id(), ReportReason.ABUSE));
        assertThat(forum.posts().get(MOD, post.id()).state()).isEqualTo(PostState.VISIBLE);

        forum.reports().report(ALICE, ReportPost.of(post.id(), ReportReason.SPAM));
        assertThat(forum.posts().get(MOD, post.id()).state()).isEqualTo(PostState.PENDING);
        assertThat(given.reload(topic).replies()).isZero();
        assertThat(given.allPosts(CAROL, topic)).extracting(Post::id).doesNotContain(post.id());
        assertThat(forum.posts().pending(MOD, board.id(), PageRequest.first(10)).items()).extracting(Post::id)
                .containsExactly(post.id());
        assertThat(events).filteredOn(ForumEvent.PostReported.class::isInstance)
                .extracting(e -> ((ForumEvent.PostReported) e).postHidden()).containsExactly(false, false, true);
    }

    @Test
    @DisplayName("dismissing shows a hidden post again; hiding and deleting act on the post; all record who and why")
    void resolutions() {
        Board board = given.board(BoardModeration.OFF.hidingAfterReports(1));
        Post hidden = reported(board);
        Report report = forum.reports().report(CAROL, ReportPost.of(hidden.id(), ReportReason.SPAM));
        assertThat(forum.posts().get(MOD, hidden.id()).state()).isEqualTo(PostState.PENDING);
        List<Report> dismissed = forum.reports().resolve(MOD, report.id(), Resolution.DISMISS, "误报");
        assertThat(dismissed).singleElement().satisfies(r -> {
            assertThat(r.resolution()).isEqualTo(Resolution.DISMISS);
            assertThat(r.resolvedBy().id()).isEqualTo(MOD.id());
            assertThat(r.resolutionNote()).isEqualTo("误报");
            assertThat(r.resolvedAt()).isNotNull();
        });
        assertThat(forum.posts().get(CAROL, hidden.id()).state()).isEqualTo(PostState.VISIBLE);

        Board calm = given.board();
        Post spam = reported(calm);
        Post rude = reported(calm);
        Report a = forum.reports().report(CAROL, ReportPost.of(spam.id(), ReportReason.SPAM));
        forum.reports().report(ALICE, ReportPost.of(spam.id(), ReportReason.SPAM));
        Report b = forum.reports().report(CAROL, ReportPost.of(rude.id(), ReportReason.ABUSE));
        assertThat(forum.reports().resolve(MOD, a.id(), Resolution.DELETE_POST, "广告")).hasSize(2);
        assertThat(forum.posts().get(MOD, spam.id()).state()).isEqualTo(PostState.DELETED);
        forum.reports().resolve(MOD, b.id(), Resolution.HIDE_POST, "辱骂");
        assertThat(forum.posts().get(MOD, rude.id()).state()).isEqualTo(PostState.PENDING);
        assertThat(forum.reports().queue(MOD, calm.id(), PageRequest.first(10)).total()).isZero();
        assertThat(events).filteredOn(ForumEvent.ReportsResolved.class::isInstance).hasSize(3);

        assertThatThrownBy(() -> forum.reports().resolve(MOD, a.id(), Resolution.DISMISS, "again"))
                .isInstanceOf(StateConflictException.class);
    }

    @Test
    @DisplayName("only moderators read the queue and resolve; a resolution needs a reason")
    void onlyModerators() {
        Board board = given.board();
        Post post = reported(board);
        Report report = forum.reports().report(CAROL, ReportPost.of(post.id(), ReportReason.SPAM));
        assertThat(denied(() -> forum.reports().queue(BOB, board.id(), PageRequest.first(10))).reason())
                .isEqualTo(DenialReason.NOT_ALLOWED);
        assertThat(denied(() -> forum.reports().resolve(CAROL, report.id(), Resolution.DISMISS, "x")).reason())
                .isEqualTo(DenialReason.NOT_ALLOWED);
        assertThatThrownBy(() -> forum.reports().resolve(MOD, report.id(), Resolution.DELETE_POST, null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("reason"));
        assertThat(forum.posts().get(MOD, post.id()).state()).isEqualTo(PostState.VISIBLE);
        assertThat(forum.reports().queue(MOD, board.id(), PageRequest.first(10)).items()).extracting(QueuedReport::report)
                .containsExactly(report);
    }

    @Test
    @DisplayName("the queue pages oldest first by cursor and counts reporters per post")
    void queuePaging() {
        Board board = given.board();
        Post a = reported(board);
        Post b = reported(board);
        Report r1 = forum.reports().report(CAROL, ReportPost.of(a.id(), ReportReason.SPAM));
        Report r2 = forum.reports().report(CAROL, ReportPost.of(b.id(), ReportReason.SPAM));
        Report r3 = forum.reports().report(ALICE, ReportPost.of(a.id(), ReportReason.SPAM));
        Page<QueuedReport, ReportId> first = forum.reports().queue(MOD, board.id(), PageRequest.first(2));
        assertThat(first.items()).extracting(q -> q.report().id(), q -> q.report().postId(), QueuedReport::reporters)
                .containsExactly(tuple(r1.id(), a.id(), 2L), tuple(r2.id(), b.id(), 1L));
        Page<QueuedReport, ReportId> second = forum.reports().queue(MOD, board.id(), PageRequest.after(first.next(), 2));
        assertThat(second.items()).extracting(q -> q.report().id()).containsExactly(r3.id());
        assertThat(second.optionalNext()).isEmpty();
        assertThat(second.optionalTotal()).contains(3L);
    }
}
