package org.forumkit.examples.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.forumkit.Forum;
import org.forumkit.ForumSettings;
import org.forumkit.model.Author;
import org.forumkit.model.Board;
import org.forumkit.model.InboxEntry;
import org.forumkit.model.NotificationId;
import org.forumkit.model.NotificationKind;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Post;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.forumkit.model.WatchLevel;
import org.forumkit.spi.UserDirectory;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.NewNotification;

/**
 * {@code --scenarios notify}: what notifications cost. Replies per second to a topic that 1,000 users watch (each
 * reply adds an unread entry for the watchers without one, in one set-based statement under the topic's row lock,
 * and writes nothing for those whose entry counts on) against the same load on a topic nobody else watches, in the same run, alternating; then the latency of
 * the first inbox page (20 entries, each checked for visibility when read) and of a page deep in it, for one user
 * with {@code --notify-inbox N} notifications (default 100,000); {@code --notify-replies N} replies per load (all
 * writers together; default the mode's hot-topic load). Checks after the load: every watcher has exactly
 * one unread entry for the topic, counting every reply.
 */
final class NotifyScenario {
    private static final int WATCHERS = 1_000;
    private static final Viewer.Member STARTER = Viewer.user("op", "楼主");

    private final Scenarios.Mode mode;
    private final Report report;
    private final int inboxSize;
    private final int rounds;
    private final int replies;

    /** {@code replies}: per load, all writers together (0 for the mode's usual load). */
    NotifyScenario(Scenarios.Mode mode, Report report, int inboxSize, int rounds, int replies) {
        this.mode = mode;
        this.report = report;
        this.inboxSize = inboxSize;
        this.rounds = rounds;
        this.replies = replies;
    }

    void run(Target target) throws Exception {
        watchers(target);
        inbox(target);
    }

    private static Forum forum(ForumStore store) {
        return Forum.builder().store(store)
                .settings(ForumSettings.defaults().withViewFlushInterval(Duration.ZERO))
                .notifications(UserDirectory.ROLELESS)
                .build();
    }

    private void watchers(Target target) throws Exception {
        target.reset();
        try (Forum node0 = forum(target.node(0)); Forum node1 = forum(target.node(1))) {
            Board board = Scenarios.board(node0, "notify");
            Topic watched = node0.topics().start(STARTER, StartTopic.of(board.id(), "千人关注", Scenarios.BODY));
            Topic quiet = node0.topics().start(STARTER, StartTopic.of(board.id(), "无人关注", Scenarios.BODY));
            for (int i = 0; i < WATCHERS; i++) {
                node0.notifications().watchTopic(watcher(i), watched.id(), WatchLevel.WATCHING);
            }
            target.analyze();
            Forum[] nodes = {node0, node1};
            int writers = 2 * mode.threadsPerNode();
            int perWriter = replies > 0 ? Math.max(1, replies / writers) : mode.repliesPerWriter();
            String scenario = "reply, 2 nodes x " + mode.threadsPerNode();
            List<Double> ratios = new ArrayList<>();
            long done = 0;
            for (int round = 1; round <= rounds; round++) {
                // alternate which goes first, so a warming JVM or a busier minute does not favour one
                TopicId first = round % 2 == 1 ? quiet.id() : watched.id();
                TopicId second = round % 2 == 1 ? watched.id() : quiet.id();
                String loadBefore = ScaleOut.loadAverage();
                double[] perSecond = new double[2];
                for (TopicId topic : new TopicId[] {first, second}) {
                    LoadDriver.Load load = Scenarios.load(writers, perWriter, (thread, op, random) ->
                            nodes[thread % 2].posts().reply(Scenarios.writer(thread), Reply.to(topic, "回复 " + op)));
                    boolean isWatched = topic.equals(watched.id());
                    if (isWatched) {
                        done += load.operations();
                    }
                    String name = (isWatched ? WATCHERS + " watchers" : "no watchers") + ", round " + round;
                    report.add(target.name(), scenario, name + ": replies per second", load.perSecond(), "/s");
                    report.add(target.name(), scenario, name + ": p50", load.latency().percentileMillis(50), "ms");
                    report.add(target.name(), scenario, name + ": p99", load.latency().percentileMillis(99), "ms");
                    if (load.failures() > 0) {
                        report.violation(target.name(), name + ": " + load.failures() + " replies failed");
                    }
                    perSecond[isWatched ? 0 : 1] = load.perSecond();
                }
                ratios.add(perSecond[0] / perSecond[1]);
                report.note(target.name(), scenario, "round " + round + ": load average before / after",
                        loadBefore + " / " + ScaleOut.loadAverage());
            }
            for (int i = 0; i < ratios.size(); i++) {
                report.add(target.name(), scenario, "round " + (i + 1) + ": watched / unwatched replies per second",
                        ratios.get(i), "");
            }
            checkWatchers(target, node1, watched.id(), done);
        }
    }

    /** Every watcher: one unread entry about the topic, folding every reply. */
    private void checkWatchers(Target target, Forum forum, TopicId topic, long replies) {
        int wrong = 0;
        for (int i = 0; i < WATCHERS; i += 37) {
            Viewer.Member w = watcher(i);
            List<InboxEntry> entries = forum.notifications().inbox(w, Optional.empty(), PageRequest.first(10))
                    .items();
            long about = entries.stream().filter(e -> topic.equals(e.notification().topicId())).count();
            int count = entries.isEmpty() ? 0 : entries.get(0).notification().count();
            if (about != 1 || count != replies || forum.notifications().unreadExact(w) != 1) {
                wrong++;
            }
        }
        if (wrong > 0) {
            report.violation(target.name(), wrong + " sampled watchers do not have one entry counting " + replies
                    + " replies");
        } else {
            report.note(target.name(), "reply, 2 nodes x " + mode.threadsPerNode(), "watchers checked",
                    "every 37th: one unread entry counting all " + replies + " replies");
        }
    }

    private void inbox(Target target) throws Exception {
        target.reset();
        ForumStore store = target.node(0);
        try (Forum forum = forum(store)) {
            Board board = Scenarios.board(forum, "inbox");
            Topic topic = forum.topics().start(STARTER, StartTopic.of(board.id(), "收件箱", Scenarios.BODY));
            Scenarios.populate(store, topic, 1_000);
            List<Post> posts = new ArrayList<>();
            for (int from = 1; from <= 1_000; from += 200) {
                posts.addAll(forum.topics().page(Scenarios.READER, topic.id(), TopicPageRequest.from(from, 200)).posts());
            }
            UserId reader = Scenarios.READER.id();
            Instant at = Instant.now().minus(Duration.ofDays(30));
            long started = System.nanoTime();
            for (int n = 0; n < inboxSize; ) {
                int start = n;
                int end = Math.min(inboxSize, n + 1_000);
                store.inTransaction(tx -> {
                    for (int i = start; i < end; i++) {
                        Post post = posts.get(i % posts.size());
                        tx.notifications().add(new NewNotification(reader, i % 3 == 0 ? NotificationKind.QUOTED
                                : NotificationKind.REPLIED, topic.id(), post.id(), post.floor(),
                                new Author(UserId.of("author-" + i % 50), "作者" + i % 50), null, null,
                                at.plusSeconds(i)));
                    }
                    return null;
                });
                n = end;
            }
            report.add(target.name(), "inbox (" + inboxSize + " notifications)", "load time",
                    (System.nanoTime() - started) / 1e9, "s");
            target.analyze();
            String scenario = "inbox (" + inboxSize + " notifications)";
            String loadBefore = ScaleOut.loadAverage();
            Stats first = latency(forum, PageRequest.first(20), Optional.empty());
            Page<InboxEntry, NotificationId> any = forum.notifications().inbox(Scenarios.READER, Optional.empty(),
                    PageRequest.first(1));
            NotificationId middle = NotificationId.of(any.items().get(0).notification().id().value() - inboxSize / 2);
            Stats deep = latency(forum, PageRequest.after(middle, 20), Optional.empty());
            Stats quoted = latency(forum, PageRequest.first(20), Optional.of(NotificationKind.QUOTED));
            Stats unread = new Stats();
            for (int i = 0; i < mode.pageSamples(); i++) {
                long t = System.nanoTime();
                forum.notifications().unread(Scenarios.READER);
                unread.add(System.nanoTime() - t);
            }
            Stats exact = new Stats();
            for (int i = 0; i < Math.max(10, mode.pageSamples() / 10); i++) {
                long t = System.nanoTime();
                long count = forum.notifications().unreadExact(Scenarios.READER);
                exact.add(System.nanoTime() - t);
                if (count != inboxSize) {
                    report.violation(target.name(), "unread " + count + " of " + inboxSize);
                    break;
                }
            }
            report.add(target.name(), scenario, "first page (20) p50", first.percentileMillis(50), "ms");
            report.add(target.name(), scenario, "first page (20) p99", first.percentileMillis(99), "ms");
            report.add(target.name(), scenario, "page at the middle p50", deep.percentileMillis(50), "ms");
            report.add(target.name(), scenario, "page at the middle p99", deep.percentileMillis(99), "ms");
            report.add(target.name(), scenario, "first page, kind QUOTED p50", quoted.percentileMillis(50), "ms");
            report.add(target.name(), scenario, "first page, kind QUOTED p99", quoted.percentileMillis(99), "ms");
            report.add(target.name(), scenario, "unread badge (capped) p50", unread.percentileMillis(50), "ms");
            report.add(target.name(), scenario, "unread exact p50", exact.percentileMillis(50), "ms");
            report.note(target.name(), scenario, "load average before / after", loadBefore + " / "
                    + ScaleOut.loadAverage());
        }
    }

    private Stats latency(Forum forum, PageRequest<NotificationId> request, Optional<NotificationKind> kind) {
        for (int i = 0; i < Math.max(20, mode.pageSamples() / 4); i++) {
            forum.notifications().inbox(Scenarios.READER, kind, request);
        }
        Stats stats = new Stats();
        for (int i = 0; i < mode.pageSamples(); i++) {
            long t = System.nanoTime();
            int size = forum.notifications().inbox(Scenarios.READER, kind, request).items().size();
            stats.add(System.nanoTime() - t);
            if (size != 20) {
                throw new IllegalStateException("an inbox page of " + size + " entries");
            }
        }
        return stats;
    }

    private static Viewer.Member watcher(int i) {
        return Viewer.user("watcher-" + i, "关注者" + i);
    }
}
