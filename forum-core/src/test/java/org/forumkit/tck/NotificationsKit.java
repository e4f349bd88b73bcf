package org.forumkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ForumFixtures.ANONYMOUS;
import static org.forumkit.tck.ForumFixtures.BOB;
import static org.forumkit.tck.ForumFixtures.CAROL;
import static org.forumkit.tck.ForumFixtures.MOD;
import static org.forumkit.tck.ForumFixtures.id;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.forumkit.Forum;
import org.forumkit.ForumSettings;
import org.forumkit.Notifications;
import org.forumkit.PermissionDeniedException;
import org.forumkit.model.AccessPolicy;
import org.forumkit.model.Action;
import org.forumkit.model.Audience;
import org.forumkit.model.Board;
import org.forumkit.model.InboxEntry;
import org.forumkit.model.Notification;
import org.forumkit.model.NotificationId;
import org.forumkit.model.NotificationKind;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Post;
import org.forumkit.model.Reply;
import org.forumkit.model.ReportPost;
import org.forumkit.model.ReportReason;
import org.forumkit.model.Resolution;
import org.forumkit.model.Topic;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.forumkit.model.VoteKind;
import org.forumkit.model.WatchLevel;
import org.forumkit.spi.UserDirectory;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.NewNotification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The inbox part of the contract kit: notifications written in the transaction of their cause, one per recipient per
 * post, folded, filtered by what the recipient may see when written and when read. {@link ForumStoreContract} runs
 * it as one nested group on the kit's store.
 */
public abstract class NotificationsKit {
    /** The directory of this kit's forum: who is staff now, whatever roles they posted with. */
    private final Map<UserId, Viewer.Member> people = new java.util.concurrent.ConcurrentHashMap<>();

    protected MutableClock clock;
    protected Forum forum;
    protected ForumFixtures given;

    /** The store to run on, fresh and empty. */
    protected abstract ForumStore kitStore();

    /** How many threads the concurrency test uses, at least 8. */
    protected abstract int kitThreads();

    @BeforeEach
    void openInbox() {
        for (Viewer.Member m : List.of(ALICE, BOB, CAROL, MOD, ForumFixtures.ADMIN)) {
            people.put(m.id(), m);
        }
        clock = MutableClock.atSeedTime();
        UserDirectory directory = new UserDirectory() {
            @Override
            public Map<UserId, Viewer.Member> members(java.util.Collection<UserId> ids) {
                return ids.stream().filter(people::containsKey).distinct()
                        .collect(Collectors.toMap(Function.identity(), people::get));
            }

            @Override
            public Map<String, UserId> byNames(java.util.Collection<String> names) {
                return people.values().stream().filter(m -> names.contains(m.displayName()))
                        .collect(Collectors.toMap(Viewer.Member::displayName, Viewer.Member::id, (a, b) -> a));
            }
        };
        forum = Forum.builder().store(kitStore()).clock(clock)
                .settings(ForumSettings.defaults().withViewWindow(Duration.ofMinutes(30))
                        .withViewFlushInterval(Duration.ZERO))
                .notifications(directory).build();
        given = new ForumFixtures(forum);
    }

    @AfterEach
    void closeInbox() {
        if (forum != null) {
            forum.close();
        }
    }

    private Notifications inbox() {
        return forum.notifications();
    }

    private List<Notification> all(Viewer.Member who) {
        return inbox().inbox(who, Optional.empty(), PageRequest.first(50)).items().stream()
                .map(InboxEntry::notification).toList();
    }

    private Post reply(Topic topic, Viewer.Member author, Reply command) {
        clock.advance(Duration.ofSeconds(1));
        return forum.posts().reply(author, command);
    }

    @Test
    @DisplayName("a reply tells the author of the floor it answers (the topic's starter by default), never the actor")
    void replyNotifiesTheAnsweredAuthor() {
        Topic topic = given.topic();
        Post bobs = reply(topic, BOB, Reply.to(topic.id(), "沙发"));
        reply(topic, ALICE, Reply.to(topic.id(), "自己回复自己").replyingTo(1));
        Post carols = reply(topic, CAROL, Reply.to(topic.id(), "回复鲍勃").replyingTo(bobs.floor()));

        // floor 2 answers her, floor 3 is her own, floor 4 reaches her as the watching starter: folded, 2
        assertThat(all(ALICE)).extracting(Notification::kind, Notification::floor, Notification::count)
                .containsExactly(tuple(NotificationKind.REPLIED, 2, 2));
        assertThat(all(BOB)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.REPLIED);
            assertThat(n.postId()).isEqualTo(carols.id());
            assertThat(n.actor().id()).isEqualTo(id(CAROL));
            assertThat(n.read()).isFalse();
        });
        assertThat(all(CAROL)).isEmpty();
    }

    @Test
    @DisplayName("one notification per recipient per post: a reply that also quotes you is one REPLIED; others quoted get QUOTED")
    void onePerRecipientPerPost() {
        Topic topic = given.topic();
        reply(topic, CAROL, Reply.to(topic.id(), "二楼"));
        inbox().markAllRead(ALICE);
        reply(topic, BOB, Reply.to(topic.id(), "三楼").replyingTo(1).quoting(1).quoting(2));

        assertThat(all(ALICE)).extracting(Notification::kind, Notification::floor, Notification::read)
                .containsExactly(tuple(NotificationKind.REPLIED, 3, false), tuple(NotificationKind.REPLIED, 2, true));
        assertThat(all(CAROL)).extracting(Notification::kind, Notification::floor)
                .containsExactly(tuple(NotificationKind.QUOTED, 3));
    }

    @Test
    @DisplayName("unread replies to one topic fold into one entry with a count and the first unread floor; read, the next starts anew")
    void repliesFold() {
        Topic topic = given.topic();
        reply(topic, BOB, Reply.to(topic.id(), "一"));
        reply(topic, CAROL, Reply.to(topic.id(), "二"));
        reply(topic, BOB, Reply.to(topic.id(), "三"));

        Notification folded = all(ALICE).get(0);
        assertThat(all(ALICE)).hasSize(1);
        assertThat(folded.count()).isEqualTo(3);
        assertThat(folded.floor()).isEqualTo(2);
        assertThat(folded.actor().id()).isEqualTo(id(BOB));
        assertThat(folded.updatedAt()).isAfter(folded.createdAt());
        assertThat(inbox().unread(ALICE).count()).isEqualTo(1);

        assertThat(inbox().markTopicRead(ALICE, topic.id(), 4)).isEqualTo(1);
        reply(topic, CAROL, Reply.to(topic.id(), "四"));
        assertThat(all(ALICE)).extracting(Notification::count, Notification::floor, Notification::read)
                .containsExactly(tuple(1, 5, false), tuple(3, 2, true));
    }

    @Test
    @DisplayName("a watcher's folded entry counts the topic's later posts when read: a deleted one drops out, the latest visible one is the actor, the reader's own never counts")
    void watcherEntryCountsOn() {
        Topic topic = given.topic();
        inbox().watchTopic(CAROL, topic.id(), WatchLevel.WATCHING);
        Post bobs = reply(topic, BOB, Reply.to(topic.id(), "二楼"));
        reply(topic, MOD, Reply.to(topic.id(), "三楼"));
        Post last = reply(topic, BOB, Reply.to(topic.id(), "四楼"));

        assertThat(all(CAROL)).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.WATCHING);
            assertThat(n.postId()).isEqualTo(bobs.id());
            assertThat(List.of(n.floor(), n.count())).containsExactly(2, 3);
            assertThat(n.actor().id()).isEqualTo(id(BOB));
            assertThat(n.updatedAt()).isEqualTo(last.createdAt());
        });
        forum.posts().delete(MOD, last.id());
        assertThat(all(CAROL)).extracting(Notification::count, n -> n.actor().id())
                .containsExactly(tuple(2, id(MOD)));
        forum.posts().restore(MOD, last.id());
        reply(topic, CAROL, Reply.to(topic.id(), "我自己说的"));
        assertThat(all(CAROL)).extracting(Notification::count, n -> n.actor().id())
                .containsExactly(tuple(3, id(BOB)));
        assertThat(Notifications.text(inbox().inbox(CAROL, Optional.empty(), PageRequest.first(5)).items().get(0),
                Locale.ENGLISH)).isEqualTo("3 new posts in \"强化高水平崛起的民政服务保障\", from floor 2");
        // Bob, who only tracks the topic, counts what answers him: none of these; he hears of the deletion
        assertThat(all(BOB)).extracting(Notification::kind).containsExactly(NotificationKind.MODERATION);
        // the starter, answered by every reply (they answer floor 1 by default): one entry of four
        assertThat(all(ALICE)).extracting(Notification::kind, Notification::floor, Notification::count)
                .containsExactly(tuple(NotificationKind.REPLIED, 2, 4));
    }

    @Test
    @DisplayName("a watcher's entry read keeps its count; the next reply starts a new one; muting stops the count where it was")
    void watcherEntryReadThenNewReplies() {
        Topic topic = given.topic();
        inbox().watchTopic(CAROL, topic.id(), WatchLevel.WATCHING);
        reply(topic, BOB, Reply.to(topic.id(), "一"));
        reply(topic, MOD, Reply.to(topic.id(), "二"));
        assertThat(inbox().markAllRead(CAROL)).isEqualTo(1);
        reply(topic, BOB, Reply.to(topic.id(), "三"));
        reply(topic, MOD, Reply.to(topic.id(), "四"));
        reply(topic, BOB, Reply.to(topic.id(), "五"));
        assertThat(all(CAROL)).extracting(Notification::floor, Notification::count, Notification::read)
                .containsExactly(tuple(4, 3, false), tuple(2, 2, true));

        assertThat(inbox().markTopicRead(CAROL, topic.id(), 4)).isEqualTo(1);
        reply(topic, MOD, Reply.to(topic.id(), "六"));
        inbox().watchTopic(CAROL, topic.id(), WatchLevel.MUTED);
        reply(topic, BOB, Reply.to(topic.id(), "七"));
        inbox().watchTopic(CAROL, topic.id(), WatchLevel.WATCHING);
        reply(topic, MOD, Reply.to(topic.id(), "八"));
        // floor 8 came while she had muted the topic: not counted; floor 9 is again
        assertThat(all(CAROL)).extracting(Notification::floor, Notification::count, n -> n.actor().id())
                .containsExactly(tuple(7, 2, id(MOD)), tuple(4, 3, id(BOB)), tuple(2, 2, id(MOD)));
        assertThat(inbox().unreadExact(CAROL)).isEqualTo(1);
    }

    @Test
    @DisplayName("a board watcher's entry stops counting when they stop watching the board, unless they watch the topic itself")
    void boardWatcherStopsCounting() {
        Board board = given.board();
        Topic watched = given.topic(board, ALICE);
        Topic other = given.topic(board, ALICE);
        inbox().watchBoard(CAROL, board.id(), WatchLevel.WATCHING);
        inbox().markAllRead(CAROL);
        reply(watched, BOB, Reply.to(watched.id(), "一"));
        reply(other, BOB, Reply.to(other.id(), "一"));
        inbox().watchTopic(CAROL, watched.id(), WatchLevel.WATCHING);
        reply(watched, MOD, Reply.to(watched.id(), "二"));
        reply(other, MOD, Reply.to(other.id(), "二"));

        inbox().watchBoard(CAROL, board.id(), WatchLevel.NORMAL);
        reply(watched, BOB, Reply.to(watched.id(), "三"));
        reply(other, BOB, Reply.to(other.id(), "三"));
        assertThat(all(CAROL)).extracting(Notification::topicId, Notification::count)
                .containsExactlyInAnyOrder(tuple(watched.id(), 3), tuple(other.id(), 2));
    }

    @Test
    @DisplayName("nobody is told of a post they may not see when it is written: the directory's roles count, not the ones they posted with")
    void visibilityCheckedWhenWritten() {
        AccessPolicy staffOnly = AccessPolicy.DEFAULT.with(Action.VIEW, Audience.roles("staff"))
                .with(Action.START_TOPIC, Audience.roles("staff")).with(Action.REPLY, Audience.roles("staff"));
        Board board = given.board(staffOnly);
        Viewer.Member aliceStaff = Viewer.user("alice", "Alice", "staff");
        Viewer.Member bobStaff = Viewer.user("bob", "鲍勃", "staff");
        Topic topic = given.topic(board, aliceStaff);
        people.put(bobStaff.id(), bobStaff);

        reply(topic, bobStaff, Reply.to(topic.id(), "员工回复"));

        assertThat(inbox().unreadExact(ALICE)).isZero();
        people.put(aliceStaff.id(), aliceStaff);
        reply(topic, bobStaff, Reply.to(topic.id(), "再回复"));
        assertThat(all(aliceStaff)).extracting(Notification::floor).containsExactly(3);
    }

    @Test
    @DisplayName("a post deleted or moved out of the reader's sight later leaves the inbox; its author learns of the deletion")
    void visibilityCheckedWhenRead() {
        Topic topic = given.topic();
        Post bobs = reply(topic, BOB, Reply.to(topic.id(), "会被删除"));
        Topic other = given.topic();
        reply(other, CAROL, Reply.to(other.id(), "会被移走"));
        assertThat(all(ALICE)).hasSize(2);

        forum.posts().delete(MOD, bobs.id());
        Board hidden = given.board(AccessPolicy.DEFAULT.with(Action.VIEW, Audience.roles("staff")));
        forum.topics().move(MOD, other.id(), hidden.id(), "内部讨论");

        assertThat(all(ALICE)).isEmpty();
        assertThat(all(BOB)).extracting(Notification::kind, Notification::detail)
                .containsExactly(tuple(NotificationKind.MODERATION, "DELETED"));
        assertThat(all(Viewer.user("alice", "Alice", "staff"))).extracting(Notification::topicId)
                .containsExactly(other.id());
    }

    @Test
    @DisplayName("support and oppose fold per post; a change or retraction adds nothing; voting on yourself is impossible anyway")
    void votesFoldPerPost() {
        Topic topic = given.topic();
        Post bobs = reply(topic, BOB, Reply.to(topic.id(), "求支持"));
        forum.votes().cast(ALICE, bobs.id(), VoteKind.SUPPORT);
        forum.votes().cast(CAROL, bobs.id(), VoteKind.OPPOSE);
        forum.votes().cast(CAROL, bobs.id(), VoteKind.SUPPORT);
        forum.votes().retract(ALICE, bobs.id());

        assertThat(all(BOB)).extracting(Notification::kind, Notification::count, Notification::detail)
                .containsExactly(tuple(NotificationKind.VOTED, 2, "SUPPORT"));
    }

    @Test
    @DisplayName("moderators' actions reach the post's author, resolved reports reach the reporters")
    void moderationAndReports() {
        Topic topic = given.topic();
        Post bobs = reply(topic, BOB, Reply.to(topic.id(), "广告"));
        var report = forum.reports().report(CAROL, ReportPost.of(bobs.id(), ReportReason.SPAM));
        forum.reports().resolve(MOD, report.id(), Resolution.DELETE_POST, "广告帖");

        assertThat(all(CAROL)).extracting(Notification::kind, Notification::detail, Notification::floor)
                .containsExactly(tuple(NotificationKind.REPORT_RESOLVED, "DELETE_POST", 2));
        assertThat(all(BOB)).extracting(Notification::kind).containsOnly(NotificationKind.MODERATION);
        assertThat(Notifications.text(inbox().inbox(CAROL, Optional.empty(), PageRequest.first(5)).items().get(0),
                Locale.SIMPLIFIED_CHINESE)).isEqualTo("您对主题“强化高水平崛起的民政服务保障”2 楼的举报已处理：帖子已删除");
    }

    @Test
    @DisplayName("texts are rendered when read, in Chinese or English, folded ones with their count")
    void textsAtReadTime() {
        Topic topic = given.topic();
        reply(topic, BOB, Reply.to(topic.id(), "一"));
        InboxEntry one = inbox().inbox(ALICE, Optional.empty(), PageRequest.first(5)).items().get(0);
        assertThat(Notifications.text(one, Locale.ENGLISH))
                .isEqualTo("鲍勃 replied to you in \"强化高水平崛起的民政服务保障\" (floor 2)");
        reply(topic, CAROL, Reply.to(topic.id(), "二"));
        InboxEntry two = inbox().inbox(ALICE, Optional.empty(), PageRequest.first(5)).items().get(0);
        assertThat(Notifications.text(two, Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("主题“强化高水平崛起的民政服务保障”有 2 条新回复，从 2 楼起");
    }

    @Test
    @DisplayName("the inbox pages newest first with a kind filter; the unread count caps at 99+ and is exact on request")
    void pagingFilterAndCounts() {
        Topic topic = given.topic();
        kitStore().inTransaction(tx -> {
            for (int i = 0; i < 120; i++) {
                tx.notifications().add(new NewNotification(id(ALICE), i % 3 == 0 ? NotificationKind.host(1001)
                        : NotificationKind.MENTIONED, topic.id(), null, 1, null, null, null, clock.instant()));
            }
            return null;
        });
        List<NotificationId> seen = new ArrayList<>();
        Optional<NotificationId> cursor = Optional.empty();
        do {
            Page<InboxEntry, NotificationId> page = inbox().inbox(ALICE, Optional.of(NotificationKind.host(1001)),
                    new PageRequest<>(cursor.orElse(null), 15));
            page.items().forEach(e -> seen.add(e.notification().id()));
            cursor = page.optionalNext();
        } while (cursor.isPresent());
        assertThat(seen).hasSize(40).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        assertThat(inbox().unread(ALICE).display()).isEqualTo("99+");
        assertThat(inbox().unreadExact(ALICE)).isEqualTo(120);
        assertThat(inbox().markRead(ALICE, seen.get(0))).isTrue();
        assertThat(inbox().markRead(BOB, seen.get(1))).isFalse();
        assertThat(inbox().markRead(ALICE, seen.get(0))).isFalse();
        assertThat(inbox().unreadExact(ALICE)).isEqualTo(119);
        assertThat(inbox().markAllRead(ALICE)).isEqualTo(119);
        assertThat(inbox().unread(ALICE).display()).isEqualTo("0");
    }

    @Test
    @DisplayName("the purge keeps each user's newest N and nothing else of theirs")
    void purgeKeepsNewest() {
        Topic topic = given.topic();
        for (int i = 0; i < 5; i++) {
            reply(topic, BOB, Reply.to(topic.id(), "回复 " + i).quoting(1));
            inbox().markAllRead(ALICE);
        }
        reply(topic, ALICE, Reply.to(topic.id(), "回复鲍勃").replyingTo(2));
        List<Notification> before = all(ALICE);

        assertThat(inbox().purge(3)).isEqualTo(2);
        assertThat(all(ALICE)).isEqualTo(before.subList(0, 3));
        assertThat(all(BOB)).hasSize(1);
        assertThatThrownBy(() -> inbox().purge(-1)).isInstanceOf(org.forumkit.ValidationException.class);
    }

    @Test
    @DisplayName("a notification is committed with its cause or not at all; anonymous visitors have no inbox")
    void atomicWithCause() {
        Topic topic = given.topic();
        assertThatThrownBy(() -> kitStore().inTransaction(tx -> {
            tx.notifications().add(new NewNotification(id(ALICE), NotificationKind.REPLIED, topic.id(), null, 2,
                    null, null, "topic:" + topic.id(), clock.instant()));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(inbox().unreadExact(ALICE)).isZero();
        reply(topic, BOB, Reply.to(topic.id(), "之后"));
        assertThat(all(ALICE)).extracting(Notification::count).containsExactly(1);
        assertThatThrownBy(() -> inbox().unread(ANONYMOUS)).isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    @DisplayName("concurrent replies to one topic give its starter exactly one folded notification with the right count")
    void concurrentRepliesFoldExactly() throws Exception {
        Topic topic = given.topic();
        int threads = kitThreads();
        int each = 5;
        List<Viewer.Member> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Viewer.Member writer = Viewer.user("writer-" + t, "写手" + t);
            people.put(writer.id(), writer);
            writers.add(writer);
        }
        Viewer.Member topicWatcher = Viewer.user("watcher-topic", "看帖人");
        Viewer.Member boardWatcher = Viewer.user("watcher-board", "看版人");
        people.put(topicWatcher.id(), topicWatcher);
        people.put(boardWatcher.id(), boardWatcher);
        inbox().watchTopic(topicWatcher, topic.id(), WatchLevel.WATCHING);
        inbox().watchBoard(boardWatcher, topic.boardId(), WatchLevel.WATCHING);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Viewer.Member writer : writers) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        forum.posts().reply(writer, Reply.to(topic.id(), "并发 " + i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (Viewer.Member watcher : List.of(ALICE, topicWatcher, boardWatcher)) {
            assertThat(all(watcher)).singleElement().satisfies(n -> {
                assertThat(n.count()).isEqualTo(threads * each);
                assertThat(n.floor()).isEqualTo(2);
            });
        }
        assertThat(all(writers.get(0))).isEmpty();
    }

    @Test
    @DisplayName("mentions in Chinese text: longest existing name, mention before reply, never oneself, not in quotes or e-mail addresses")
    void mentions() {
        Viewer.Member zhang = Viewer.user("zhang3", "张三");
        people.put(zhang.id(), zhang);
        Topic topic = given.topic();
        reply(topic, CAROL, Reply.to(topic.id(), "@张三你好，@Alice 看这里，@Carol 自己，写信 bob@example.com"
                + "\n[quote]@鲍勃[/quote]"));

        assertThat(all(zhang)).extracting(Notification::kind, Notification::floor, Notification::count)
                .containsExactly(tuple(NotificationKind.MENTIONED, 2, 1));
        assertThat(all(ALICE)).extracting(Notification::kind).containsExactly(NotificationKind.MENTIONED);
        assertThat(all(CAROL)).isEmpty();
        assertThat(all(BOB)).isEmpty();
        reply(topic, BOB, Reply.to(topic.id(), "＠张三 再看"));
        assertThat(all(zhang)).extracting(Notification::floor).containsExactly(3, 2);

        forum.topics().start(BOB, org.forumkit.model.StartTopic.of(topic.boardId(), "新主题", "@张三 开帖就提到你"));
        assertThat(all(zhang)).hasSize(3);
    }

    @Test
    @DisplayName("a mention of someone who may not see the board notifies nobody; a thousand mentions notify at most ten")
    void mentionBadInput() {
        Board staff = given.board(AccessPolicy.DEFAULT.with(Action.VIEW, Audience.roles("staff")));
        Viewer.Member zhang = Viewer.user("zhang3", "张三");
        people.put(zhang.id(), zhang);
        Viewer.Member writer = Viewer.user("writer", "写手", "staff");
        forum.topics().start(writer, org.forumkit.model.StartTopic.of(staff.id(), "内部", "@张三 你看不到"));
        assertThat(inbox().unreadExact(zhang)).isZero();

        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            Viewer.Member u = Viewer.user("u" + i, "u" + i);
            if (i < 20) {
                people.put(u.id(), u);
            }
            many.append("@u").append(i).append(' ');
        }
        Topic topic = given.topic();
        reply(topic, BOB, Reply.to(topic.id(), many.toString()));
        long notified = java.util.stream.IntStream.range(0, 20)
                .filter(i -> inbox().unreadExact(Viewer.user("u" + i, "u" + i)) > 0).count();
        assertThat(notified).isEqualTo(10);
    }

    @Test
    @DisplayName("starting a topic watches it, replying tracks it, and neither overrides the user's own choice")
    void automaticLevelsNeverOverrideAChoice() {
        Topic topic = given.topic();
        assertThat(inbox().topicLevel(ALICE, topic.id())).isEqualTo(WatchLevel.WATCHING);
        assertThat(inbox().topicLevel(BOB, topic.id())).isEqualTo(WatchLevel.NORMAL);
        reply(topic, BOB, Reply.to(topic.id(), "跟帖"));
        assertThat(inbox().topicLevel(BOB, topic.id())).isEqualTo(WatchLevel.TRACKING);

        inbox().watchTopic(BOB, topic.id(), WatchLevel.MUTED);
        inbox().watchTopic(CAROL, topic.id(), WatchLevel.NORMAL);
        reply(topic, BOB, Reply.to(topic.id(), "再跟"));
        reply(topic, CAROL, Reply.to(topic.id(), "我也跟"));
        assertThat(inbox().topicLevel(BOB, topic.id())).isEqualTo(WatchLevel.MUTED);
        assertThat(inbox().topicLevel(CAROL, topic.id())).isEqualTo(WatchLevel.NORMAL);
        assertThatThrownBy(() -> inbox().watchTopic(BOB, topic.id(), WatchLevel.WATCHING_FIRST_POST))
                .isInstanceOf(org.forumkit.ValidationException.class);
    }

    @Test
    @DisplayName("watching a topic tells of every post, folded; tracking and normal only when addressed; muting silences even replies")
    void topicLevels() {
        Topic topic = given.topic();
        Post bobs = reply(topic, BOB, Reply.to(topic.id(), "一楼回复"));
        inbox().watchTopic(CAROL, topic.id(), WatchLevel.WATCHING);
        reply(topic, MOD, Reply.to(topic.id(), "版主说"));
        reply(topic, ALICE, Reply.to(topic.id(), "楼主说"));

        assertThat(all(CAROL)).extracting(Notification::kind, Notification::count, Notification::floor)
                .containsExactly(tuple(NotificationKind.WATCHING, 2, 3));
        assertThat(all(BOB)).isEmpty();

        inbox().watchTopic(BOB, topic.id(), WatchLevel.MUTED);
        reply(topic, CAROL, Reply.to(topic.id(), "回复鲍勃").replyingTo(bobs.floor()));
        assertThat(all(BOB)).isEmpty();
    }

    @Test
    @DisplayName("board watchers hear of new topics (first-post-only watchers of nothing else) and, watching, of replies, unless they muted the topic")
    void boardLevels() {
        Board board = given.board();
        inbox().watchBoard(CAROL, board.id(), WatchLevel.WATCHING);
        inbox().watchBoard(BOB, board.id(), WatchLevel.WATCHING_FIRST_POST);
        Topic topic = given.topic(board, ALICE);
        assertThat(all(CAROL)).extracting(Notification::kind, Notification::floor)
                .containsExactly(tuple(NotificationKind.WATCHING, 1));
        assertThat(all(BOB)).extracting(Notification::floor).containsExactly(1);
        inbox().markAllRead(BOB);

        reply(topic, MOD, Reply.to(topic.id(), "版主回复"));
        assertThat(all(CAROL)).extracting(Notification::count).containsExactly(2);
        assertThat(inbox().unreadExact(BOB)).isZero();

        inbox().watchTopic(CAROL, topic.id(), WatchLevel.MUTED);
        inbox().markAllRead(CAROL);
        reply(topic, MOD, Reply.to(topic.id(), "又回复"));
        assertThat(inbox().unreadExact(CAROL)).isZero();
        assertThat(inbox().boardLevel(CAROL, board.id())).isEqualTo(WatchLevel.WATCHING);
    }

    @Test
    @DisplayName("watchers of a restricted board who may not read it (any more) are told nothing; those who may are")
    void restrictedBoardWatchers() {
        Board board = given.board(AccessPolicy.DEFAULT.with(Action.VIEW, Audience.roles("staff")));
        Viewer.Member carolStaff = Viewer.user("carol", "Carol", "staff");
        inbox().watchBoard(carolStaff, board.id(), WatchLevel.WATCHING);
        inbox().watchBoard(MOD, board.id(), WatchLevel.WATCHING);
        assertThatThrownBy(() -> inbox().watchBoard(BOB, board.id(), WatchLevel.WATCHING))
                .isInstanceOf(org.forumkit.NotFoundException.class);

        forum.topics().start(MOD, org.forumkit.model.StartTopic.of(board.id(), "内部通知", "只给员工看"));
        assertThat(inbox().unreadExact(CAROL)).isZero();
        people.put(carolStaff.id(), carolStaff);
        forum.topics().start(Viewer.user("dave", "Dave", "staff"),
                org.forumkit.model.StartTopic.of(board.id(), "第二条", "员工可见"));
        assertThat(all(carolStaff)).hasSize(1);
        assertThat(all(MOD)).hasSize(1);
    }
}
