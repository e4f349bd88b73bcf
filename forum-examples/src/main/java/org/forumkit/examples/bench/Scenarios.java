package org.forumkit.examples.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.forumkit.Forum;
import org.forumkit.ForumSettings;
import org.forumkit.memory.InMemoryForumStore;
import org.forumkit.model.Author;
import org.forumkit.model.Board;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.Post;
import org.forumkit.model.PostState;
import org.forumkit.model.Quote;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicCursor;
import org.forumkit.model.TopicId;
import org.forumkit.model.TopicPage;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.forumkit.model.VoteKind;
import org.forumkit.spi.ContentRenderer;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.NewPost;
import org.forumkit.spi.store.NewTopic;
import org.forumkit.spi.store.StoreReader;

/**
 * The measurements of the benchmark harness but the hot writes ({@link HotWrites}), and what every scenario shares:
 * the forum of a store, a board, the load driver, the report of a load and the floor invariants.
 */
final class Scenarios {
    static final Viewer.Member ADMIN = Viewer.user("bench-admin", "管理员", "admin");
    static final Viewer.Member READER = Viewer.user("bench-reader", "读者");
    static final String BODY = "四是加强社会工作专业人才队伍建设，提高社会事务管理和社会服务水平。".repeat(3);

    /** Sizes of one run. */
    record Mode(String name, int deepFloors, int pageSamples, int threadsPerNode, int repliesPerWriter,
            int spreadTopics, int votesPerVoter, int listingTopics, int views, int memoryPosts,
            Duration renderTime) {
        static final Mode QUICK = new Mode("quick", 5_000, 200, 8, 60, 1_000, 150, 5_000, 200_000, 100_000,
                Duration.ofSeconds(2));
        /** The same run with {@code factor} times the operations in each hot load (the profile's longer loads). */
        Mode scaled(int factor) {
            return new Mode(name, deepFloors, pageSamples, threadsPerNode, repliesPerWriter * factor, spreadTopics,
                    votesPerVoter * factor, listingTopics, views, memoryPosts, renderTime);
        }

        Mode withThreadsPerNode(int threads) {
            return new Mode(name, deepFloors, pageSamples, threads, repliesPerWriter * threadsPerNode / threads,
                    spreadTopics, votesPerVoter * threadsPerNode / threads, listingTopics, views, memoryPosts,
                    renderTime);
        }

        static final Mode FULL = new Mode("full", 100_000, 1_000, 8, 400, 1_000, 800, 100_000, 2_000_000, 1_000_000,
                Duration.ofSeconds(10));
    }

    private final Mode mode;
    private final Report report;

    Scenarios(Mode mode, Report report) {
        this.mode = mode;
        this.report = report;
    }

    static Forum forum(ForumStore store) {
        return Forum.builder().store(store)
                .settings(ForumSettings.defaults().withViewWindow(Duration.ofMinutes(30))
                        .withViewFlushInterval(Duration.ZERO))
                .build();
    }

    static Board board(Forum forum, String slug) {
        Board category = forum.boards().create(ADMIN, CreateBoard.category("c-" + slug, "分区"));
        return forum.boards().create(ADMIN, CreateBoard.board(category.id(), slug, "版块 " + slug));
    }

    static Author author(int n) {
        return new Author(UserId.of("author-" + n), "作者" + n);
    }

    /** Appends floors 2..{@code floors} through the store in large transactions, each quoting the floor before. */
    static void populate(ForumStore store, Topic topic, int floors) {
        Post[] previous = {store.readOnly((StoreReader r) -> r.postsByFloors(topic.id(), List.of(1))).get(0)};
        Instant at = topic.createdAt();
        for (int floor = 2; floor <= floors; ) {
            int end = Math.min(floors, floor + 499);
            int start = floor;
            Instant base = at.plusSeconds(floor);
            store.inTransaction(tx -> {
                for (int f = start; f <= end; f++) {
                    Post before = previous[0];
                    Quote quote = new Quote(before.id(), before.floor(), before.author(), before.createdAt(),
                            before.revision(), "四是加强社会工作专业人才队伍建设", false, false);
                    previous[0] = tx.appendReply(new NewPost(topic.id(), author(f % 50), base.plusMillis(f - start),
                            BODY, ContentFormat.PLAIN, "<p>" + BODY + "</p>", "plain/bench", PostState.VISIBLE, null,
                            List.of(quote)));
                }
                return null;
            });
            floor = end + 1;
        }
    }

    // ------------------------------------------------------------------ topic page

    void topicPage(Target target) throws Exception {
        target.reset();
        ForumStore store = target.node(0);
        try (Forum forum = forum(store)) {
            Topic topic = forum.topics().start(Viewer.user("op", "楼主"),
                    StartTopic.of(board(forum, "pages").id(), "深楼测试", BODY));
            populate(store, topic, mode.deepFloors());
            target.analyze();
            int deepFrom = mode.deepFloors() - 19;
            for (int from : new int[] {1, deepFrom}) {
                for (Post post : forum.topics().page(READER, topic.id(), TopicPageRequest.from(from, 20)).posts()) {
                    if (post.floor() % 2 == 0) {
                        forum.votes().cast(READER, post.id(), post.floor() % 4 == 0 ? VoteKind.SUPPORT : VoteKind.OPPOSE);
                    }
                }
            }
            Stats first = pageLatency(forum, topic.id(), 1);
            Stats deep = pageLatency(forum, topic.id(), deepFrom);
            String scenario = "topic page (" + mode.deepFloors() + " floors)";
            for (int size : new int[] {5, 20, 200}) {
                target.resetStatements();
                forum.topics().page(READER, topic.id(), TopicPageRequest.from(1, size));
                statements(target, scenario, "SQL statements, page of " + size);
            }
            report.add(target.name(), scenario, "first page p50", first.percentileMillis(50), "ms");
            report.add(target.name(), scenario, "first page p99", first.percentileMillis(99), "ms");
            report.add(target.name(), scenario, "page at floor " + deepFrom + " p50", deep.percentileMillis(50), "ms");
            report.add(target.name(), scenario, "page at floor " + deepFrom + " p99", deep.percentileMillis(99), "ms");
            report.add(target.name(), scenario, "deep/first p50 ratio",
                    deep.percentileMillis(50) / first.percentileMillis(50), "");
            checkFloors(target, store, topic.id());
        }
    }

    private Stats pageLatency(Forum forum, TopicId topic, int from) {
        TopicPageRequest request = TopicPageRequest.from(from, 20);
        for (int i = 0; i < Math.max(50, mode.pageSamples() / 4); i++) {
            forum.topics().page(READER, topic, request);
        }
        Stats stats = new Stats();
        for (int i = 0; i < mode.pageSamples(); i++) {
            long start = System.nanoTime();
            TopicPage page = forum.topics().page(READER, topic, request);
            stats.add(System.nanoTime() - start);
            if (page.posts().size() != 20 || page.posts().get(0).quotes().isEmpty() && from > 1) {
                throw new IllegalStateException("unexpected page " + page.posts().size());
            }
        }
        return stats;
    }

    static Viewer.Member writer(int thread) {
        return Viewer.user("writer-" + thread, "写手" + thread);
    }

    // ------------------------------------------------------------------ board listing

    void boardListing(Target target) throws Exception {
        target.reset();
        ForumStore store = target.node(0);
        try (Forum forum = forum(store)) {
            Board board = board(forum, "listing");
            Instant start = Instant.parse("2020-01-01T00:00:00Z");
            for (int i = 0; i < mode.listingTopics(); ) {
                int end = Math.min(mode.listingTopics(), i + 500);
                int from = i;
                store.inTransaction(tx -> {
                    for (int n = from; n < end; n++) {
                        Author author = author(n % 50);
                        Instant at = start.plusSeconds(n);
                        tx.insertTopic(new NewTopic(board.id(), "主题 " + n, null, author, at, null),
                                new NewPost(null, author, at, BODY, ContentFormat.PLAIN, "<p>" + BODY + "</p>",
                                        "plain/bench", PostState.VISIBLE, null, List.of()));
                    }
                    return null;
                });
                i = end;
            }
            target.analyze();
            Topic deepTopic = store.readOnly((StoreReader r) -> r.topics(board.id(), Optional.empty(), 1)).get(0);
            // the cursor of the listing's deep end: the topic started 20 positions before the oldest
            TopicCursor deep = new TopicCursor(0, start.plusSeconds(20), deepTopic.id());
            String scenario = "board listing (" + mode.listingTopics() + " topics)";
            for (var entry : Map.of("first page", PageRequest.<TopicCursor>first(20), "deep cursor page",
                    PageRequest.after(deep, 20))
                    .entrySet()) {
                for (int i = 0; i < 50; i++) {
                    forum.boards().topics(READER, board.id(), entry.getValue());
                }
                Stats stats = new Stats();
                for (int i = 0; i < mode.pageSamples(); i++) {
                    long t0 = System.nanoTime();
                    Page<Topic, TopicCursor> page = forum.boards().topics(READER, board.id(), entry.getValue());
                    stats.add(System.nanoTime() - t0);
                    if (page.items().isEmpty()) {
                        throw new IllegalStateException("empty listing page");
                    }
                }
                target.resetStatements();
                forum.boards().topics(READER, board.id(), entry.getValue());
                statements(target, scenario, entry.getKey() + " SQL statements");
                report.add(target.name(), scenario, entry.getKey() + " p50", stats.percentileMillis(50), "ms");
                report.add(target.name(), scenario, entry.getKey() + " p99", stats.percentileMillis(99), "ms");
            }
        }
    }

    // ------------------------------------------------------------------ views

    void views(Target target) throws Exception {
        target.reset();
        try (Forum forum = forum(target.node(0))) {
            Board board = board(forum, "views");
            List<TopicId> topics = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                topics.add(forum.topics().start(Viewer.user("op", "楼主"), StartTopic.of(board.id(), "t" + i, BODY)).id());
            }
            LoadDriver.Load recorded = load(4, mode.views() / 4, (thread, op, random) -> {
                forum.views().record(Viewer.anonymous(), topics.get(random.nextInt(topics.size())));
                return null;
            });
            report.add(target.name(), "views", "views recorded per second", recorded.perSecond(), "/s");
            target.resetStatements();
            long t0 = System.nanoTime();
            int rows = forum.views().flush();
            report.add(target.name(), "views", "flush time", (System.nanoTime() - t0) / 1e6, "ms");
            report.add(target.name(), "views", "topic rows written per flush", rows, "");
            statements(target, "views", "SQL statements per flush");
            long total = target.node(0).readOnly((StoreReader r) -> topics.stream()
                    .mapToLong(id -> r.topic(id).orElseThrow().views()).sum());
            if (total != recorded.operations()) {
                report.violation(target.name(), "recorded " + recorded.operations() + " views, stored " + total);
            }
        }
    }

    // ------------------------------------------------------------------ rendering

    void rendering(List<ContentRenderer> renderers, Map<String, String> samples) {
        for (ContentRenderer renderer : renderers) {
            String source = samples.getOrDefault(renderer.format().name(), samples.get("PLAIN"));
            long deadline = System.nanoTime() + mode.renderTime().toNanos() / 4;
            while (System.nanoTime() < deadline) {
                renderer.render(source);
            }
            long count = 0;
            long start = System.nanoTime();
            deadline = start + mode.renderTime().toNanos();
            while (System.nanoTime() < deadline) {
                renderer.render(source);
                count++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            report.add("core", "rendering (" + source.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                    + " B post)", renderer.format().name() + " posts per second", count / seconds, "/s");
        }
    }

    // ------------------------------------------------------------------ memory

    void memory() {
        InMemoryForumStore store = new InMemoryForumStore();
        long before = usedHeapAfterGc();
        int topics = Math.max(1, mode.memoryPosts() / 1_000);
        Author author = author(1);
        Instant at = Instant.parse("2020-01-01T00:00:00Z");
        store.inTransaction(tx -> {
            var board = tx.insertBoard(new org.forumkit.spi.store.NewBoard(null, org.forumkit.model.BoardKind.BOARD, "mem",
                    "mem", "", 0, java.util.Set.of(), List.of(), org.forumkit.model.AccessPolicy.DEFAULT));
            for (int t = 0; t < topics; t++) {
                Topic topic = tx.insertTopic(new NewTopic(board.id(), "主题" + t, null, author, at, null),
                        post(null, author, at, t)).topic();
                for (int p = 1; p < 1_000; p++) {
                    tx.appendReply(post(topic.id(), author, at, p));
                }
            }
            return null;
        });
        long after = usedHeapAfterGc();
        long posts = (long) topics * 1_000;
        report.add("in-memory", "memory (" + posts + " posts, ~" + BODY.length() + "-char bodies)", "heap per post",
                (after - before) / (double) posts, "bytes");
        if (store.readOnly((StoreReader r) -> r.topics(r.boards().get(0).id(), Optional.empty(), 1)).isEmpty()) {
            throw new IllegalStateException("nothing stored");
        }
    }

    private static NewPost post(TopicId topic, Author author, Instant at, int n) {
        String body = BODY + n; // distinct strings, as real posts are
        return new NewPost(topic, author, at, body, ContentFormat.PLAIN, "<p>" + body + "</p>", "plain/1",
                PostState.VISIBLE, null, List.of());
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private void statements(Target target, String scenario, String metric) {
        long count = target.statements();
        if (count < 0) {
            report.note(target.name(), scenario, metric, "n/a (no SQL)");
        } else {
            report.add(target.name(), scenario, metric, count, "");
        }
    }

    // ------------------------------------------------------------------ load driver and invariants

    @FunctionalInterface
    interface Op {
        Object run(int thread, int op, Random random) throws Exception;
    }

    /** Runs {@code op} on each thread; thread {@code t} draws from {@code Random(t)}, so runs repeat. */
    static LoadDriver.Load load(int threads, int opsPerThread, Op op) throws Exception {
        return LoadDriver.run(threads, opsPerThread, thread -> {
            Random random = new Random(thread);
            return i -> op.run(thread, i, random);
        });
    }

    void report(Target target, String scenario, String unit, LoadDriver.Load load, long retries) {
        report(target.name(), scenario, unit, load, retries);
        reportCpu(target, scenario, unit.equals("replies") ? "reply" : "vote", load);
    }

    /**
     * The CPU an operation took: its load thread's, the whole JVM's (both app nodes, the collector, the JIT), the
     * target's database server processes' (none for an in-process database), and how busy the machine was.
     */
    void reportCpu(Target target, String scenario, String operation, LoadDriver.Load load) {
        String server = serverProcess(target);
        report.add(target.name(), scenario, "CPU per " + operation + ", its load thread",
                load.perOperation(load.threadCpuNanos() / 1e6), "ms");
        report.add(target.name(), scenario, "CPU per " + operation + ", whole JVM",
                load.perOperation(load.cpu().processNanos() / 1e6), "ms");
        if (server != null && load.cpu().measured()) {
            report.add(target.name(), scenario, "CPU per " + operation + ", database server",
                    load.perOperation(load.cpu().serverNanos(server) / 1e6), "ms");
        }
        if (load.cpu().measured()) {
            report.add(target.name(), scenario, "machine busy (all cores)", 100 * load.cpu().machineBusy(), "%");
        }
    }

    /** The name of the target's database server processes in {@code /proc}, or {@code null} when in-process. */
    static String serverProcess(Target target) {
        if (!(target instanceof DatabaseTarget database) || database.url() == null) {
            return null;
        }
        return CpuMeter.serverOf(database.dialect());
    }

    void report(String target, String scenario, String unit, LoadDriver.Load load, long retries) {
        report.add(target, scenario, unit + " per second", load.perSecond(), "/s");
        report.add(target, scenario, "p50", load.latency().percentileMillis(50), "ms");
        report.add(target, scenario, "p99", load.latency().percentileMillis(99), "ms");
        report.add(target, scenario, "heap allocated per " + (unit.equals("replies") ? "reply" : "vote"),
                load.allocatedPerOperation() / 1024, "KiB");
        report.add(target, scenario, "retries", retries, "");
        report.add(target, scenario, "failures past the retry budget", load.failures(), "");
        if (load.failures() > 0) {
            report.violation(target, scenario + ": " + load.failures() + " operations failed");
        }
    }

    /** Floors 1..n without gap or duplicate, and the reply count equals the visible replies. */
    void checkFloors(Target target, ForumStore store, TopicId topicId) {
        checkFloors(target.name(), store, topicId);
    }

    void checkFloors(String target, ForumStore store, TopicId topicId) {
        store.readOnly((StoreReader r) -> {
            Topic topic = r.topic(topicId).orElseThrow();
            long visibleReplies = 0;
            int expected = 1;
            for (int from = 1; from <= topic.highestFloor(); from += 200) {
                for (Post post : r.topicPage(topicId, TopicPageRequest.from(from, 200), Optional.empty())
                        .orElseThrow().posts()) {
                    if (post.floor() != expected++) {
                        report.violation(target, "topic " + topicId + ": floor " + post.floor()
                                + " where " + (expected - 1) + " was expected");
                        return null;
                    }
                    if (post.floor() > 1 && post.isVisible()) {
                        visibleReplies++;
                    }
                }
            }
            if (expected - 1 != topic.highestFloor() || visibleReplies != topic.replies()) {
                report.violation(target, "topic " + topicId + ": " + (expected - 1) + " floors, highest "
                        + topic.highestFloor() + ", replies " + topic.replies() + " but " + visibleReplies + " visible");
            }
            return null;
        });
    }
}
