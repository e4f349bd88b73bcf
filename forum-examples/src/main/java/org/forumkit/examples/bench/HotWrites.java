package org.forumkit.examples.bench;

import static org.forumkit.examples.bench.Scenarios.BODY;
import static org.forumkit.examples.bench.Scenarios.READER;
import static org.forumkit.examples.bench.Scenarios.board;
import static org.forumkit.examples.bench.Scenarios.forum;
import static org.forumkit.examples.bench.Scenarios.load;
import static org.forumkit.examples.bench.Scenarios.writer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.forumkit.Forum;
import org.forumkit.model.Board;
import org.forumkit.model.Post;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.forumkit.model.VoteKind;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.StoreReader;

/**
 * The hot writes: one hot topic and 1,000 topics under 2 nodes of writers, one hot post, and the plain-JDBC ceiling
 * of the same database work. With {@code --hot-rounds N} each library load runs next to its ceiling, N times in
 * turn (library replies, ceiling replies, library votes, ceiling votes), so a ratio compares loads that saw the same
 * machine; the ratios of every round and their median are reported.
 */
final class HotWrites {
    private final Scenarios.Mode mode;
    private final Report report;
    private final Scenarios shared;
    /** Records each hot load when set ({@code --profile}); the 1,000-topic load is then left out. */
    private final Profile profile;

    HotWrites(Scenarios.Mode mode, Report report, Profile profile) {
        this.mode = mode;
        this.report = report;
        this.shared = new Scenarios(mode, report);
        this.profile = profile;
    }

    @FunctionalInterface
    private interface Measured {
        LoadDriver.Load run() throws Exception;
    }

    /** Runs {@code load}, under a recording of its own when profiling. */
    private LoadDriver.Load recorded(Target target, String column, Measured load) throws Exception {
        if (profile == null) {
            return load.run();
        }
        profile.begin();
        LoadDriver.Load done = load.run();
        profile.end(target.name() + ": " + column, target instanceof DatabaseTarget db ? db.dialect() : target.name(),
                done);
        return done;
    }

    /**
     * The library's loads and, with {@code ceiling}, the ceiling's, alternated {@code warmup} times and then
     * {@code rounds} times; the warm-up rounds (the JIT still compiling the library's code) are reported as such and
     * left out of the ratios and their medians.
     */
    void run(Target target, boolean ceiling, int warmup, int rounds) throws Exception {
        boolean withCeiling = ceiling && target instanceof DatabaseTarget;
        String server = Scenarios.serverProcess(target);
        List<Double> replyRatios = new ArrayList<>();
        List<Double> spreadRatios = new ArrayList<>();
        List<Double> voteRatios = new ArrayList<>();
        List<Double> replyCpuRatios = new ArrayList<>();
        List<Double> voteCpuRatios = new ArrayList<>();
        for (int round = 1 - warmup; round <= rounds; round++) {
            String suffix = round < 1 ? ", warm-up " + (round + warmup) : rounds == 1 ? "" : ", round " + round;
            LoadDriver.Load[] replies = hotTopic(target, suffix);
            LoadDriver.Load ceilingReplies = withCeiling ? ceilingReplies(target, suffix) : null;
            LoadDriver.Load votes = hotPost(target, suffix);
            LoadDriver.Load ceilingVotes = withCeiling ? ceilingVotes(target, suffix) : null;
            if (!withCeiling || round < 1) {
                continue;
            }
            replyRatios.add(replies[0].perSecond() / ceilingReplies.perSecond());
            spreadRatios.add(replies[1].perSecond() / ceilingReplies.perSecond());
            voteRatios.add(votes.perSecond() / ceilingVotes.perSecond());
            // what the rate would be if CPU alone set it: the cores divided by the CPU an operation takes
            replyCpuRatios.add(ceilingReplies.cpuMillisPerOperation(server) / replies[0].cpuMillisPerOperation(server));
            voteCpuRatios.add(ceilingVotes.cpuMillisPerOperation(server) / votes.cpuMillisPerOperation(server));
            String scenario = "library / ceiling" + suffix;
            report.add(target.name(), scenario, "hot topic replies", last(replyRatios), "");
            report.add(target.name(), scenario, mode.spreadTopics() + " topics / hot-topic ceiling",
                    last(spreadRatios), "");
            report.add(target.name(), scenario, "hot post votes", last(voteRatios), "");
            report.add(target.name(), scenario, "hot topic, ceiling's CPU per reply / library's", last(replyCpuRatios),
                    "");
            report.add(target.name(), scenario, "hot post, ceiling's CPU per vote / library's", last(voteCpuRatios), "");
        }
        if (ceiling && !(target instanceof DatabaseTarget)) {
            report.note(target.name(), "ceiling (plain JDBC)", "-", "no SQL: not applicable");
        }
        if (rounds > 1 && !replyRatios.isEmpty()) {
            String scenario = "library / ceiling, median of " + rounds + " alternated rounds";
            report.add(target.name(), scenario, "hot topic replies", median(replyRatios), "");
            report.add(target.name(), scenario, mode.spreadTopics() + " topics / hot-topic ceiling",
                    median(spreadRatios), "");
            report.add(target.name(), scenario, "hot post votes", median(voteRatios), "");
            report.add(target.name(), scenario, "hot topic, ceiling's CPU per reply / library's",
                    median(replyCpuRatios), "");
            report.add(target.name(), scenario, "hot post, ceiling's CPU per vote / library's", median(voteCpuRatios),
                    "");
        }
    }

    /** The profile's recorded loads: hot topic, hot post, both ceilings (no 1,000-topic load). */
    void profiled(Target target) throws Exception {
        hotTopic(target, "");
        hotPost(target, "");
        if (target instanceof DatabaseTarget) {
            ceilingReplies(target, "");
            ceilingVotes(target, "");
        }
    }

    private static double last(List<Double> values) {
        return values.get(values.size() - 1);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    // ------------------------------------------------------------------ hot topic

    /** Returns the load on the one hot topic, then on 1,000 topics ({@code null} when profiling). */
    private LoadDriver.Load[] hotTopic(Target target, String suffix) throws Exception {
        target.reset();
        try (Forum node0 = forum(target.node(0)); Forum node1 = forum(target.node(1))) {
            Board board = board(node0, "hot");
            Topic hot = node0.topics().start(Viewer.user("op", "楼主"), StartTopic.of(board.id(), "热帖", BODY));
            List<TopicId> spread = new ArrayList<>();
            for (int i = 0; i < (profile == null ? mode.spreadTopics() : 0); i++) {
                spread.add(node0.topics().start(Viewer.user("op", "楼主"), StartTopic.of(board.id(), "主题 " + i, BODY))
                        .id());
            }
            Forum[] nodes = {node0, node1};
            long retriesBefore = target.retries();
            LoadDriver.Load one = recorded(target, "reply", () -> load(2 * mode.threadsPerNode(),
                    mode.repliesPerWriter(), (thread, op, random) ->
                            nodes[thread % 2].posts().reply(writer(thread), Reply.to(hot.id(), "回复 " + op))));
            long retriesHot = target.retries() - retriesBefore;
            shared.report(target, "hot topic, 2 nodes x " + mode.threadsPerNode() + suffix, "replies", one,
                    retriesHot);
            shared.checkFloors(target, target.node(0), hot.id());
            if (profile != null) {
                return new LoadDriver.Load[] {one, null};
            }

            long retriesSpread = target.retries();
            LoadDriver.Load many = load(2 * mode.threadsPerNode(), mode.repliesPerWriter(), (thread, op, random) ->
                    nodes[thread % 2].posts().reply(writer(thread),
                            Reply.to(spread.get(random.nextInt(spread.size())), "回复 " + op)));
            shared.report(target, mode.spreadTopics() + " topics, 2 nodes x " + mode.threadsPerNode() + suffix,
                    "replies", many, target.retries() - retriesSpread);
            for (TopicId topic : spread.subList(0, Math.min(50, spread.size()))) {
                shared.checkFloors(target, target.node(1), topic);
            }
            checkBoardCounts(target, target.node(1), board);
            return new LoadDriver.Load[] {one, many};
        }
    }

    /** The board's post and topic counts equal its topics' (every reply here is visible). */
    private void checkBoardCounts(Target target, ForumStore store, Board board) {
        store.readOnly((StoreReader r) -> {
            Board after = r.board(board.id()).orElseThrow();
            long topics = 0;
            long replies = 0;
            for (Topic topic : r.topics(board.id(), java.util.Optional.empty(), Integer.MAX_VALUE)) {
                topics++;
                replies += topic.replies();
            }
            // a board's post count counts every visible post, the opening ones too
            if (after.topicCount() != topics || after.postCount() != topics + replies) {
                report.violation(target.name(), "board " + board.id() + " counts " + after.topicCount() + " topics, "
                        + after.postCount() + " posts, but its topics hold " + topics + " and " + (topics + replies));
            }
            return null;
        });
    }

    // ------------------------------------------------------------------ hot post

    /** Returns the load of votes on the one hot post. */
    private LoadDriver.Load hotPost(Target target, String suffix) throws Exception {
        target.reset();
        try (Forum node0 = forum(target.node(0)); Forum node1 = forum(target.node(1))) {
            Topic topic = node0.topics().start(Viewer.user("op", "楼主"),
                    StartTopic.of(board(node0, "votes").id(), "热门帖子", BODY));
            Post post = node0.topics().page(READER, topic.id(), TopicPageRequest.first(1)).posts().get(0);
            Forum[] nodes = {node0, node1};
            long retriesBefore = target.retries();
            LoadDriver.Load votes = recorded(target, "vote", () -> load(2 * mode.threadsPerNode(),
                    mode.votesPerVoter(), (thread, op, random) -> {
                        Forum forum = nodes[thread % 2];
                        return switch (op % 3) {
                            case 0 -> forum.votes().cast(writer(thread), post.id(), VoteKind.SUPPORT);
                            case 1 -> forum.votes().cast(writer(thread), post.id(), VoteKind.OPPOSE);
                            default -> forum.votes().retract(writer(thread), post.id());
                        };
                    }));
            shared.report(target, "hot post, 2 nodes x " + mode.threadsPerNode() + suffix, "votes", votes,
                    target.retries() - retriesBefore);
            checkVotes(target, target.node(0), post);
            return votes;
        }
    }

    // ------------------------------------------------------------------ the ceiling

    private LoadDriver.Load ceilingReplies(Target target, String suffix) throws Exception {
        DatabaseTarget database = (DatabaseTarget) target;
        target.reset();
        Ceiling ceiling = new Ceiling(target.jdbc().orElseThrow(), database.dialect());
        int threads = 2 * mode.threadsPerNode();
        try (Forum forum = forum(target.node(0))) {
            Topic topic = forum.topics().start(Viewer.user("op", "楼主"),
                    StartTopic.of(board(forum, "ceiling").id(), "热帖", BODY));
            LoadDriver.Load replies = recorded(target, "ceiling reply",
                    () -> ceiling.replies(topic.id().value(), threads, mode.repliesPerWriter()));
            String scenario = "ceiling: hot topic, plain JDBC x " + threads + suffix;
            report.add(target.name(), scenario, "replies per second", replies.perSecond(), "/s");
            report.add(target.name(), scenario, "p99", replies.latency().percentileMillis(99), "ms");
            report.add(target.name(), scenario, "failed transactions", replies.failures(), "");
            report.add(target.name(), scenario, "heap allocated per reply", replies.allocatedPerOperation() / 1024,
                    "KiB");
            shared.reportCpu(target, scenario, "reply", replies);
            shared.checkFloors(target, target.node(0), topic.id());
            return replies;
        }
    }

    private LoadDriver.Load ceilingVotes(Target target, String suffix) throws Exception {
        DatabaseTarget database = (DatabaseTarget) target;
        target.reset();
        Ceiling ceiling = new Ceiling(target.jdbc().orElseThrow(), database.dialect());
        int threads = 2 * mode.threadsPerNode();
        try (Forum forum = forum(target.node(0))) {
            Topic topic = forum.topics().start(Viewer.user("op", "楼主"),
                    StartTopic.of(board(forum, "ceiling").id(), "热门帖子", BODY));
            Post post = forum.topics().page(READER, topic.id(), TopicPageRequest.first(1)).posts().get(0);
            LoadDriver.Load votes = recorded(target, "ceiling vote",
                    () -> ceiling.votes(post.id().value(), threads, mode.votesPerVoter()));
            String scenario = "ceiling: hot post, plain JDBC x " + threads + suffix;
            report.add(target.name(), scenario, "votes per second", votes.perSecond(), "/s");
            report.add(target.name(), scenario, "p99", votes.latency().percentileMillis(99), "ms");
            report.add(target.name(), scenario, "failed transactions", votes.failures(), "");
            report.add(target.name(), scenario, "heap allocated per vote", votes.allocatedPerOperation() / 1024,
                    "KiB");
            shared.reportCpu(target, scenario, "vote", votes);
            checkVotes(target, target.node(0), post);
            return votes;
        }
    }

    private void checkVotes(Target target, ForumStore store, Post post) {
        Map<UserId, VoteKind> rows = store.readOnly((StoreReader r) -> r.votes(post.id()));
        Post after = store.readOnly((StoreReader r) -> r.post(post.id())).orElseThrow();
        long support = rows.values().stream().filter(VoteKind.SUPPORT::equals).count();
        long oppose = rows.values().stream().filter(VoteKind.OPPOSE::equals).count();
        if (after.support() != support || after.oppose() != oppose) {
            report.violation(target.name(), "post " + post.id() + " counts " + after.support() + "/" + after.oppose()
                    + " but vote rows " + support + "/" + oppose);
        }
    }
}
