package org.forumkit.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ForumFixtures.BOB;
import static org.forumkit.tck.ForumFixtures.CAROL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.forumkit.Forum;
import org.forumkit.ForumSettings;
import org.forumkit.event.ForumEvent;
import org.forumkit.memory.InMemoryForumStore;
import org.forumkit.model.AuditEntry;
import org.forumkit.model.AuditId;
import org.forumkit.model.Ban;
import org.forumkit.model.BanKind;
import org.forumkit.model.BanUser;
import org.forumkit.model.Board;
import org.forumkit.model.BoardModeration;
import org.forumkit.model.CreditEntry;
import org.forumkit.model.CreditEntryId;
import org.forumkit.model.CreditEvent;
import org.forumkit.model.CreditRule;
import org.forumkit.model.EditPost;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.PostRevision;
import org.forumkit.model.QueuedReport;
import org.forumkit.model.Reply;
import org.forumkit.model.Report;
import org.forumkit.model.ReportId;
import org.forumkit.model.ReportPost;
import org.forumkit.model.ReportReason;
import org.forumkit.model.Resolution;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicCursor;
import org.forumkit.model.TopicPage;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.Viewer;
import org.forumkit.model.ViewerPermissions;
import org.forumkit.model.VoteChange;
import org.forumkit.model.VoteKind;
import org.forumkit.tck.ForumFixtures;
import org.forumkit.tck.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ForumJacksonModuleTest {
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new ForumJacksonModule());
    private final List<ForumEvent> events = new ArrayList<>();
    private Forum forum;
    private ForumFixtures given;

    @BeforeEach
    void setUp() {
        forum = Forum.builder()
                .store(new InMemoryForumStore())
                .clock(MutableClock.atSeedTime())
                .settings(ForumSettings.defaults().withViewWindow(Duration.ZERO).withViewFlushInterval(Duration.ZERO))
                .listener(events::add)
                .build();
        given = new ForumFixtures(forum);
    }

    private <T> T roundTrip(T value, Class<T> type) throws Exception {
        String json = mapper.writeValueAsString(value);
        T back = mapper.readValue(json, type);
        assertThat(back).as(json).isEqualTo(value);
        return back;
    }

    /** A {@link Page} of {@code items} with cursors of type {@code cursor}. */
    private <T, C> void pageRoundTrip(Page<T, C> page, Class<T> items, Class<C> cursor) throws Exception {
        String json = mapper.writeValueAsString(page);
        Page<T, C> back = mapper.readValue(json, mapper.getTypeFactory().constructParametricType(Page.class, items, cursor));
        assertThat(back).as(json).isEqualTo(page);
    }

    @Test
    void everyPublicRecordRoundTrips() throws Exception {
        Board board = given.board();
        Topic topic = forum.topics().start(ALICE, StartTopic.of(board.id(), "强化高水平崛起的民政服务保障", "正文😀")
                .withType("新闻媒体").forExternalKey("article-42"));
        Post reply = forum.posts().reply(BOB, Reply.to(topic.id(), "希望该培训真的能系统落实~").quoting(1, "正文"));
        VoteChange vote = forum.votes().cast(CAROL, reply.id(), VoteKind.SUPPORT);
        forum.posts().edit(BOB, EditPost.of(reply.id(), "改"));
        TopicPage page = forum.topics().page(CAROL, topic.id(), TopicPageRequest.first(20));
        Page<Topic, TopicCursor> listing = forum.boards().topics(CAROL, board.id(), PageRequest.first(1));

        roundTrip(board, Board.class);
        roundTrip(topic, Topic.class);
        roundTrip(reply, Post.class);
        roundTrip(vote, VoteChange.class);
        roundTrip(page, TopicPage.class);
        pageRoundTrip(listing, Topic.class, TopicCursor.class);
        roundTrip(forum.boards().permissions(CAROL, board.id()), ViewerPermissions.class);
        roundTrip(Reply.to(topic.id(), "x").quoting(1).quoting(2, "y").replyingTo(2), Reply.class);
        roundTrip(ALICE, Viewer.class);
        roundTrip(Viewer.anonymous(), Viewer.class);
        assertThat(events).hasSizeGreaterThanOrEqualTo(4);
        for (ForumEvent event : events) {
            roundTrip(event, ForumEvent.class);
        }
    }

    @Test
    void moderationRecordsRoundTrip() throws Exception {
        Board board = given.board(BoardModeration.exceptRoles("vip"));
        Topic topic = given.topic(board, ForumFixtures.MOD);
        Post first = given.reply(topic, BOB, "待审");
        Post second = given.reply(topic, CAROL, "待审");
        Page<Post, PostId> queue = forum.posts().pending(ForumFixtures.MOD, board.id(), PageRequest.first(1));
        forum.posts().approve(ForumFixtures.MOD, first.id());
        forum.posts().reject(ForumFixtures.MOD, second.id(), "广告");
        Report report = forum.reports().report(CAROL, ReportPost.of(first.id(), ReportReason.OTHER, "诈骗"));
        Page<QueuedReport, ReportId> reports = forum.reports().queue(ForumFixtures.MOD, board.id(), PageRequest.first(10));
        List<Report> resolved = forum.reports().resolve(ForumFixtures.MOD, report.id(), Resolution.HIDE_POST, "核实");

        roundTrip(given.reload(board), Board.class);
        pageRoundTrip(queue, Post.class, PostId.class);
        roundTrip(report, Report.class);
        pageRoundTrip(reports, QueuedReport.class, ReportId.class);
        roundTrip(resolved.get(0), Report.class);
        Page<AuditEntry, AuditId> log = forum.audit().board(ForumFixtures.MOD, board.id(), PageRequest.first(2));
        assertThat(log.items()).hasSize(2);
        pageRoundTrip(log, AuditEntry.class, AuditId.class);
        Ban ban = forum.bans().ban(ForumFixtures.MOD, BanUser.inBoard(BOB.id(), board.id(), BanKind.MUTE,
                Duration.ofDays(1), "灌水"));
        roundTrip(ban, Ban.class);
        roundTrip(forum.bans().lift(ForumFixtures.MOD, ban.id(), "解除"), Ban.class);
        forum.posts().edit(ForumFixtures.MOD, EditPost.of(first.id(), "改"));
        roundTrip(forum.posts().revisions(ForumFixtures.MOD, first.id()).get(0), PostRevision.class);
        roundTrip(given.reload(board).moderation(), BoardModeration.class);
        roundTrip(CreditRule.daily(CreditEvent.REPLY, 2, 5), CreditRule.class);
        pageRoundTrip(Page.of(List.of(new CreditEntry(CreditEntryId.of(7), BOB.id(), board.id(), CreditEvent.REPLY, 2,
                "2012-08-07", first.id(), first.createdAt())), CreditEntryId.of(7)), CreditEntry.class, CreditEntryId.class);
        assertThat(events).hasAtLeastOneElementOfType(ForumEvent.PostReported.class)
                .hasAtLeastOneElementOfType(ForumEvent.ReportsResolved.class);
        assertThat(events).hasAtLeastOneElementOfType(ForumEvent.PostApproved.class)
                .hasAtLeastOneElementOfType(ForumEvent.PostRejected.class);
        for (ForumEvent event : events) {
            roundTrip(event, ForumEvent.class);
        }
    }

    @Test
    void fieldNamesAndFormatsAreStable() throws Exception {
        Topic topic = given.topic();
        Post reply = forum.posts().reply(BOB, Reply.to(topic.id(), "沙发").quoting(1));
        forum.votes().cast(CAROL, reply.id(), VoteKind.OPPOSE);
        JsonNode page = mapper.valueToTree(forum.topics().page(CAROL, topic.id(), TopicPageRequest.first(20)));
        JsonNode post = page.get("posts").get(1);

        assertThat(post.get("id").isNumber()).isTrue();
        assertThat(post.get("topicId").asLong()).isEqualTo(topic.id().value());
        assertThat(post.get("createdAt").asText()).isEqualTo("2012-08-07T01:21:00Z");
        assertThat(post.get("format").asText()).isEqualTo("PLAIN");
        assertThat(post.get("author").get("id").asText()).isEqualTo("bob");
        assertThat(post.has("opening")).isFalse();
        assertThat(post.get("quotes").get(0).get("sourceFloor").asInt()).isEqualTo(1);
        assertThat(page.get("myVotes").get(String.valueOf(reply.id().value())).asText()).isEqualTo("OPPOSE");
        assertThat(page.get("permissions").get("reply").get("allowed").asBoolean()).isTrue();
        assertThat(mapper.valueToTree(ALICE).get("type").asText()).isEqualTo("member");
    }

    @Test
    void badIdsAreRefusedWithAClearError() {
        assertThatThrownBy(() -> mapper.readValue("0", PostId.class))
                .isInstanceOf(InvalidFormatException.class)
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> mapper.readValue("\"yesterday\"", java.time.Instant.class))
                .isInstanceOf(InvalidFormatException.class);
    }
}
