package org.forumkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.forumkit.tck.ForumFixtures.ADMIN;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ForumFixtures.ANONYMOUS;
import static org.forumkit.tck.ForumFixtures.BOB;
import static org.forumkit.tck.ForumFixtures.CAROL;
import static org.forumkit.tck.ForumFixtures.MOD;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.forumkit.Forum;
import org.forumkit.NotFoundException;
import org.forumkit.PermissionDeniedException;
import org.forumkit.ValidationException;
import org.forumkit.model.AccessPolicy;
import org.forumkit.model.Action;
import org.forumkit.model.Audience;
import org.forumkit.model.BanKind;
import org.forumkit.model.BanUser;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.BoardModeration;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.DenialReason;
import org.forumkit.model.EditPost;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.PostState;
import org.forumkit.model.Reply;
import org.forumkit.model.Report;
import org.forumkit.model.ReportId;
import org.forumkit.model.ReportPost;
import org.forumkit.model.ReportReason;
import org.forumkit.model.Resolution;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.Viewer;
import org.forumkit.model.VoteKind;
import org.forumkit.model.WatchLevel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Hidden ids cannot be probed: a viewer who may not see a board, topic or post gets, from every read and write of
 * the service API, exactly what they get for an id that does not exist, and nothing is written. Wired into
 * {@link ForumStoreContract} as one {@code @Nested} group, so every store shows it.
 */
public abstract class HiddenIdsContract {

    protected abstract Forum forum();

    /** The ids one call is made with: those of hidden things, or ids that exist nowhere. */
    record Ids(BoardId board, TopicId topic, PostId post, ReportId report) {
        String key(NotFoundException.Kind kind) {
            return switch (kind) {
                case BOARD -> board.toString();
                case TOPIC -> topic.toString();
                case POST -> post.toString();
                case REPORT -> report.toString();
                case BAN -> "";
            };
        }
    }

    private interface Call {
        void run(Viewer viewer, Ids ids);
    }

    private static final Ids MISSING = new Ids(BoardId.of(9_999_991), TopicId.of(9_999_992), PostId.of(9_999_993),
            ReportId.of(9_999_994));

    private Forum forum;
    /** A board only the role "staff" may see, with a topic, a reply and an open report in it. */
    private Ids hidden;
    /** An open board that BOB moderates, with a topic of ALICE. */
    private Board open;
    private Topic openTopic;
    private final Viewer.Member staff = Viewer.user("stella", "Stella", "staff");

    @BeforeEach
    void hiddenBoard() {
        forum = forum();
        Board category = forum.boards().create(ADMIN, CreateBoard.category("hidden-category", "分区"));
        Board board = forum.boards().create(ADMIN, CreateBoard.board(category.id(), "staff-only", "员工")
                .withPolicy(AccessPolicy.DEFAULT.with(Action.VIEW, Audience.roles("staff"))));
        open = forum.boards().create(ADMIN, CreateBoard.board(category.id(), "open", "公开").moderatedBy(BOB.id()));
        openTopic = forum.topics().start(ALICE, StartTopic.of(open.id(), "公开主题", "大家好"));
        Topic topic = forum.topics().start(staff, StartTopic.of(board.id(), "内部主题", "只给员工看").forExternalKey("k"));
        Post reply = forum.posts().reply(staff, Reply.to(topic.id(), "员工回复"));
        Report report = forum.reports().report(Viewer.user("sam", "Sam", "staff"), ReportPost.of(reply.id(),
                ReportReason.SPAM));
        hidden = new Ids(board.id(), topic.id(), reply.id(), report.id());
    }

    /** Every call of the service API that names a board, topic, post or report. */
    private Map<String, Call> calls() {
        Map<String, Call> calls = new LinkedHashMap<>();
        calls.put("boards.get", (v, ids) -> forum.boards().get(v, ids.board()));
        calls.put("boards.topics", (v, ids) -> forum.boards().topics(v, ids.board(), PageRequest.first(10)));
        calls.put("boards.permissions", (v, ids) -> forum.boards().permissions(v, ids.board()));
        calls.put("topics.get", (v, ids) -> forum.topics().get(v, ids.topic()));
        calls.put("topics.page", (v, ids) -> forum.topics().page(v, ids.topic(), TopicPageRequest.first(10)));
        calls.put("topics.byExternalKey", (v, ids) -> forum.topics().byExternalKey(v, ids.board(), "k"));
        calls.put("topics.start", (v, ids) -> forum.topics().start(v, StartTopic.of(ids.board(), "标题", "内容")));
        calls.put("topics.lock", (v, ids) -> forum.topics().lock(v, ids.topic(), true));
        calls.put("topics.pin", (v, ids) -> forum.topics().pin(v, ids.topic(), 1));
        calls.put("topics.move from", (v, ids) -> forum.topics().move(v, ids.topic(), open.id(), "整理"));
        calls.put("topics.move to", (v, ids) -> forum.topics().move(v, openTopic.id(), ids.board(), "整理"));
        calls.put("posts.get", (v, ids) -> forum.posts().get(v, ids.post()));
        calls.put("posts.reply", (v, ids) -> forum.posts().reply(v, Reply.to(ids.topic(), "回复")));
        calls.put("posts.reply quoting", (v, ids) -> forum.posts().reply(v, Reply.to(ids.topic(), "引用").quoting(1)));
        calls.put("posts.edit", (v, ids) -> forum.posts().edit(v, EditPost.of(ids.post(), "改过")));
        calls.put("posts.revisions", (v, ids) -> forum.posts().revisions(v, ids.post()));
        calls.put("posts.delete", (v, ids) -> forum.posts().delete(v, ids.post()));
        calls.put("posts.restore", (v, ids) -> forum.posts().restore(v, ids.post()));
        calls.put("posts.approve", (v, ids) -> forum.posts().approve(v, ids.post()));
        calls.put("posts.reject", (v, ids) -> forum.posts().reject(v, ids.post(), "不合适"));
        calls.put("posts.pending", (v, ids) -> forum.posts().pending(v, ids.board(), PageRequest.first(10)));
        calls.put("votes.cast", (v, ids) -> forum.votes().cast(v, ids.post(), VoteKind.SUPPORT));
        calls.put("votes.retract", (v, ids) -> forum.votes().retract(v, ids.post()));
        calls.put("reports.report", (v, ids) -> forum.reports().report(v, ReportPost.of(ids.post(), ReportReason.SPAM)));
        calls.put("reports.queue", (v, ids) -> forum.reports().queue(v, ids.board(), PageRequest.first(10)));
        calls.put("reports.resolve", (v, ids) -> forum.reports().resolve(v, ids.report(), Resolution.DISMISS, "好"));
        calls.put("notifications.watchTopic", (v, ids) -> forum.notifications().watchTopic(v, ids.topic(),
                WatchLevel.WATCHING));
        calls.put("notifications.watchBoard", (v, ids) -> forum.notifications().watchBoard(v, ids.board(),
                WatchLevel.WATCHING));
        calls.put("credits.rules", (v, ids) -> forum.credits().rules(v, ids.board()));
        calls.put("audit.board", (v, ids) -> forum.audit().board(v, ids.board(), PageRequest.first(10)));
        calls.put("bans.ban", (v, ids) -> forum.bans().ban(v, BanUser.inBoard(CAROL.id(), ids.board(), BanKind.MUTE,
                null, "刷屏")));
        return calls;
    }

    /** What the caller learns from an outcome: the exception's type and its kind or reason, never the message. */
    private static String outcome(Throwable thrown) {
        if (thrown == null) {
            return "success";
        }
        if (thrown instanceof NotFoundException e) {
            return "NotFound " + e.kind();
        }
        if (thrown instanceof PermissionDeniedException e) {
            return "PermissionDenied " + e.reason();
        }
        if (thrown instanceof ValidationException e) {
            return "Validation " + e.violations();
        }
        return thrown.getClass().getName();
    }

    /** All that the calls could change, read as a moderator of everything. */
    private String everything() {
        StringBuilder b = new StringBuilder();
        for (Board board : forum.boards().list(MOD)) {
            b.append(board.id()).append(':').append(board.topicCount()).append('/').append(board.postCount())
                    .append('/').append(board.moderation()).append('|');
            for (Topic topic : forum.boards().topics(MOD, board.id(), PageRequest.first(50)).items()) {
                b.append(topic.id()).append('@').append(topic.boardId()).append(topic.locked()).append(topic.pinLevel())
                        .append(forum.notifications().topicLevel(BOB, topic.id()));
                for (Post post : forum.topics().page(MOD, topic.id(), TopicPageRequest.first(50)).posts()) {
                    b.append(post.floor()).append(post.state()).append(post.revision()).append(post.support())
                            .append(post.oppose());
                }
            }
            b.append(forum.reports().queue(MOD, board.id(), PageRequest.first(50)).total())
                    .append(forum.audit().board(MOD, board.id(), PageRequest.first(50)).items().size())
                    .append(forum.notifications().boardLevel(BOB, board.id())).append('\n');
        }
        b.append(forum.bans().active(MOD, CAROL.id()));
        return b.toString();
    }

    @Test
    @DisplayName("every call naming a board, topic, post or report the viewer may not see answers as for a missing id,"
            + " and writes nothing")
    void hiddenAnswersAsMissing() {
        String before = everything();
        List<String> leaks = new ArrayList<>();
        for (Viewer viewer : List.of(BOB, ANONYMOUS)) {
            for (Map.Entry<String, Call> call : calls().entrySet()) {
                Throwable onHidden = catchThrowable(() -> call.getValue().run(viewer, hidden));
                Throwable onMissing = catchThrowable(() -> call.getValue().run(viewer, MISSING));
                String seen = outcome(onHidden);
                if (!seen.equals(outcome(onMissing))) {
                    leaks.add(viewer + " " + call.getKey() + ": hidden → " + seen + ", missing → " + outcome(onMissing));
                } else if (onHidden instanceof NotFoundException e && !e.key().equals(hidden.key(e.kind()))) {
                    leaks.add(viewer + " " + call.getKey() + ": names " + e.kind() + " " + e.key());
                }
                if (viewer == BOB && !(onHidden instanceof NotFoundException)) {
                    leaks.add(viewer + " " + call.getKey() + ": " + seen + " instead of NotFound");
                }
            }
        }
        assertThat(leaks).isEmpty();
        assertThat(everything()).isEqualTo(before);
        // The views of a hidden topic are not counted either way, and nothing is thrown.
        forum.views().record(BOB, hidden.topic(), "bob");
        forum.views().record(BOB, MISSING.topic(), "bob");
        assertThat(forum.boards().bySlug(BOB, "staff-only")).isEmpty();
        assertThat(forum.boards().list(BOB)).extracting(Board::id).doesNotContain(hidden.board());
        // Who may see the board gets it as before.
        assertThat(forum.topics().get(staff, hidden.topic()).id()).isEqualTo(hidden.topic());
    }

    @Test
    @DisplayName("someone else's pending post answers as a missing one: reads, votes, reports, edits, moderation;"
            + " a quote of its floor as a floor that does not exist")
    void pendingOfOthersAnswersAsMissing() {
        Board held = forum.boards().create(ADMIN, CreateBoard.board(open.parentId(), "held", "先审后发")
                .withModeration(BoardModeration.everyone()));
        Topic topic = forum.topics().start(MOD, StartTopic.of(held.id(), "审核中", "版主开帖"));
        Post pending = forum.posts().reply(CAROL, Reply.to(topic.id(), "等待审核"));
        assertThat(pending.state()).isEqualTo(PostState.PENDING);
        Ids ids = new Ids(held.id(), topic.id(), pending.id(), MISSING.report());
        Ids missing = new Ids(held.id(), topic.id(), MISSING.post(), MISSING.report());
        String before = everything();
        List<String> leaks = new ArrayList<>();
        for (String name : List.of("posts.get", "posts.edit", "posts.revisions", "posts.delete", "posts.restore",
                "posts.approve", "posts.reject", "votes.cast", "votes.retract", "reports.report")) {
            Call call = calls().get(name);
            for (Viewer viewer : List.of(BOB, ANONYMOUS)) {
                Throwable onPending = catchThrowable(() -> call.run(viewer, ids));
                Throwable onMissing = catchThrowable(() -> call.run(viewer, missing));
                if (!(onPending instanceof NotFoundException e) || e.kind() != NotFoundException.Kind.POST
                        || !outcome(onPending).equals(outcome(onMissing))) {
                    leaks.add(viewer + " " + name + ": pending → " + outcome(onPending) + ", missing → "
                            + outcome(onMissing));
                }
            }
        }
        assertThat(leaks).isEmpty();
        Throwable quotePending = catchThrowable(() -> forum.posts().reply(BOB,
                Reply.to(topic.id(), "引用").quoting(pending.floor())));
        Throwable quoteMissing = catchThrowable(() -> forum.posts().reply(BOB,
                Reply.to(topic.id(), "引用").quoting(pending.floor() + 5)));
        assertThat(quotePending).isInstanceOf(ValidationException.class);
        assertThat(outcome(quotePending)).isEqualTo(outcome(quoteMissing));
        assertThat(everything()).isEqualTo(before);
        // Its author and the moderators still see it.
        assertThat(forum.posts().get(CAROL, pending.id()).body()).isEqualTo("等待审核");
        assertThat(forum.posts().approve(MOD, pending.id()).state()).isEqualTo(PostState.VISIBLE);
    }

    @Test
    @DisplayName("what the viewer sees but may not do stays PermissionDenied with its reason")
    void visibleButNotAllowed() {
        Post reply = forum.posts().reply(CAROL, Reply.to(openTopic.id(), "卡罗尔的回复"));
        assertThat(denial(() -> forum.topics().lock(ALICE, openTopic.id(), true))).isEqualTo(DenialReason.NOT_ALLOWED);
        assertThat(denial(() -> forum.posts().edit(ALICE, EditPost.of(reply.id(), "改别人的"))))
                .isEqualTo(DenialReason.NOT_ALLOWED);
        assertThat(denial(() -> forum.posts().restore(ALICE, reply.id()))).isEqualTo(DenialReason.NOT_ALLOWED);
        assertThat(denial(() -> forum.reports().queue(ALICE, open.id(), PageRequest.first(10))))
                .isEqualTo(DenialReason.NOT_ALLOWED);
        assertThat(denial(() -> forum.posts().reply(ANONYMOUS, Reply.to(openTopic.id(), "匿名"))))
                .isEqualTo(DenialReason.LOGIN_REQUIRED);
        assertThat(denial(() -> forum.votes().cast(ANONYMOUS, reply.id(), VoteKind.SUPPORT)))
                .isEqualTo(DenialReason.LOGIN_REQUIRED);
        forum.topics().lock(BOB, openTopic.id(), true);
        assertThat(denial(() -> forum.posts().reply(ALICE, Reply.to(openTopic.id(), "锁了"))))
                .isEqualTo(DenialReason.TOPIC_LOCKED);
        // A deleted post is known (its floor shows as a placeholder): voting on it is refused, not hidden.
        forum.posts().delete(CAROL, reply.id());
        assertThat(denial(() -> forum.votes().cast(ALICE, reply.id(), VoteKind.SUPPORT)))
                .isEqualTo(DenialReason.NOT_ALLOWED);
    }

    private static DenialReason denial(Runnable call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).isInstanceOf(PermissionDeniedException.class);
        return ((PermissionDeniedException) thrown).reason();
    }
}
