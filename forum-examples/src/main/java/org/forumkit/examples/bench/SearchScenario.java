package org.forumkit.examples.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import javax.sql.DataSource;
import org.forumkit.Forum;
import org.forumkit.model.Author;
import org.forumkit.model.Board;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.PostState;
import org.forumkit.model.Reply;
import org.forumkit.model.SearchCursor;
import org.forumkit.model.SearchHit;
import org.forumkit.model.SearchOrder;
import org.forumkit.model.SearchQuery;
import org.forumkit.model.TopicId;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.NewPost;
import org.forumkit.spi.store.NewTopic;

/**
 * The search scenario: loads posts of Chinese and mixed Chinese/English text ({@link SearchCorpus}: generated from
 * the seed text under {@code seeds/}, Zipf-drawn characters and words, so every run loads the same posts) through
 * the store in bulk, indexes them
 * with {@code forum.search().reindex}, then measures query latency, the index's size from the database's catalog
 * and the cost of a reply's index terms. Checks that the index holds every post and finds a planted post alone.
 */
final class SearchScenario {
    private static final int POSTS_PER_TOPIC = SearchCorpus.POSTS_PER_TOPIC;
    private static final int POSTS_PER_TRANSACTION = 1_000;
    /** One query per kind the issue names: a character, a bigram, a 4-character run, an English word. */
    private static final List<String[]> QUERIES = List.of(new String[] {"1 character", "民"},
            new String[] {"2 characters", "社会"}, new String[] {"4 characters", "服务保障"},
            new String[] {"English word", "forum"},
            // multi-key queries of fewer posts (977 and 1 of 100,000), so a plan for common keys is seen on rare ones
            new String[] {"4 characters, rarer", "第十三次"}, new String[] {"4 characters, one post", "探针基准"},
            new String[] {"1 character, newest first", "民", "NEWEST"});
    /** A reply body the analyser keeps no term of: punctuation only. */
    private static final String NO_TERMS_BODY = "……！！？？——。。";
    /** Rounds of each kind of reply, alternated. */
    private static final int REPLY_ROUNDS = 3;

    private final int posts;
    private final int repliesPerWriter;
    private final int samples;
    private final Report report;
    private final SearchCorpus corpus;
    private final List<String> fragments;
    private final boolean keep;
    private final boolean replies;

    /**
     * With {@code keep}, a database whose board {@code search} already holds {@code posts} posts (an earlier run's,
     * or rows made in SQL, see BENCHMARKS.md) is measured as it is: no reset, no load, no re-index; without
     * {@code replies}, the queries only (no reply-cost rounds, which add replies to a kept database).
     */
    SearchScenario(int posts, int samples, int repliesPerWriter, Report report, Path seeds, boolean keep,
            boolean replies) {
        this.keep = keep;
        this.replies = replies;
        this.posts = posts;
        this.samples = samples;
        this.repliesPerWriter = repliesPerWriter;
        this.report = report;
        this.corpus = new SearchCorpus(seeds);
        this.fragments = SearchCorpus.runs(seeds);
    }

    void run(Target target) throws Exception {
        if (!(target instanceof DatabaseTarget database)) {
            report.note(target.name(), "search", "-", "measures a database's index: not applicable");
            return;
        }
        if (!keep) {
            target.reset();
        }
        ForumStore store = target.node(0);
        String scenario = "search (" + posts + " posts)";
        try (Forum forum = Scenarios.forum(store)) {
            List<TopicId> topics;
            if (keep) {
                topics = kept(database, forum);
                if (topics.isEmpty()) {
                    report.violation(target.name(), "--search-keep: board 'search' holds fewer than " + posts + " posts");
                    return;
                }
                report.note(target.name(), scenario, "posts", "kept from the database as they were (--search-keep)");
            } else {
                topics = loadAndIndex(target, store, forum, scenario);
            }
            target.analyze();
            indexSize(database, scenario);
            int viewer = 0;
            for (String[] query : QUERIES) {
                Stats stats = new Stats();
                for (int i = 0; i < samples + 20; i++) {
                    // a new member per search: the per-member throttle allows 30 a minute
                    Viewer.Member member = Viewer.user("searcher-" + viewer++, "读者");
                    long start = System.nanoTime();
                    Page<SearchHit, SearchCursor> page = find(forum, member, query[1],
                            query.length > 2 ? SearchOrder.valueOf(query[2]) : SearchOrder.RELEVANCE);
                    if (i >= 20) {
                        stats.add(System.nanoTime() - start);
                    }
                    if (page.items().isEmpty()) {
                        report.violation(target.name(), "query '" + query[1] + "' found nothing");
                        break;
                    }
                }
                String metric = query[0] + " '" + query[1] + "' (" + samples + " searches)";
                report.add(target.name(), scenario, metric + " p50", stats.percentileMillis(50), "ms");
                report.add(target.name(), scenario, metric + " p99", stats.percentileMillis(99), "ms");
            }
            checkProbe(target, forum);
            if (replies) {
                replyCost(target, forum, topics, scenario);
            }
        }
    }

    private List<TopicId> loadAndIndex(Target target, ForumStore store, Forum forum, String scenario) {
        Board category = forum.boards().create(Scenarios.ADMIN, CreateBoard.category("c-search", "分区"));
        Board board = forum.boards().create(Scenarios.ADMIN, CreateBoard.board(category.id(), "search", "搜索"));
        long t0 = System.nanoTime();
        List<TopicId> topics = load(store, board);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        long indexed = forum.search().reindex(Optional.empty(), POSTS_PER_TRANSACTION, progress -> {
        });
        double indexSeconds = (System.nanoTime() - t0) / 1e9;
        report.add(target.name(), scenario, "bulk load of the posts (store)", loadSeconds, "s");
        report.add(target.name(), scenario, "reindex of the posts", indexSeconds, "s");
        report.add(target.name(), scenario, "reindex rate", posts / indexSeconds, "posts/s");
        if (indexed != posts) {
            report.violation(target.name(), "reindex indexed " + indexed + " of " + posts + " posts");
        }
        return topics;
    }

    /** The topics of board {@code search} when it holds {@link #posts} posts or more already; empty otherwise. */
    private List<TopicId> kept(DatabaseTarget database, Forum forum) throws SQLException {
        Optional<Board> board = forum.boards().bySlug(Scenarios.ADMIN, "search");
        if (board.isEmpty()) {
            return List.of();
        }
        DataSource jdbc = database.jdbc().orElseThrow();
        long held = scalar(jdbc, "SELECT COUNT(*) FROM fk_post p JOIN fk_topic t ON t.id = p.topic_id"
                + " WHERE t.board_id = " + board.get().id().value());
        if (held < posts) {
            return List.of();
        }
        List<TopicId> topics = new ArrayList<>();
        try (Connection c = jdbc.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM fk_topic WHERE board_id = " + board.get().id().value()
                        + " ORDER BY id")) {
            while (rs.next()) {
                topics.add(new TopicId(rs.getLong(1)));
            }
        }
        return topics;
    }

    private Page<SearchHit, SearchCursor> find(Forum forum, Viewer viewer, String text, SearchOrder order) {
        return forum.search().find(viewer, SearchQuery.of(text).withOrder(order), PageRequest.first(20));
    }

    /**
     * Topics of {@value #POSTS_PER_TOPIC} posts, {@value #POSTS_PER_TRANSACTION} posts a transaction, the text of
     * {@link SearchCorpus} (the same posts its JDBC loader writes).
     */
    private List<TopicId> load(ForumStore store, Board board) {
        Instant base = Instant.parse("2024-01-01T00:00:00Z");
        List<TopicId> topics = new ArrayList<>();
        for (int from = 0; from < posts; from += POSTS_PER_TRANSACTION) {
            int start = from;
            int end = Math.min(posts, from + POSTS_PER_TRANSACTION);
            store.inTransaction(tx -> {
                for (int n = start; n < end; n++) {
                    Author author = new Author(UserId.of("author-" + n % 500), "作者" + n % 500);
                    Instant at = base.plusSeconds(n);
                    String body = corpus.text(n, posts);
                    String html = "<p>" + body + "</p>";
                    if (n % POSTS_PER_TOPIC == 0) {
                        topics.add(tx.insertTopic(new NewTopic(board.id(), corpus.title(n), null, author, at, null),
                                new NewPost(null, author, at, body, ContentFormat.PLAIN, html, "plain/bench",
                                        PostState.VISIBLE, null, List.of())).topic().id());
                    } else {
                        tx.appendReply(new NewPost(topics.get(topics.size() - 1), author, at, body, ContentFormat.PLAIN,
                                html, "plain/bench", PostState.VISIBLE, null, List.of()));
                    }
                }
                return null;
            });
        }
        return topics;
    }

    /** The planted post, and only it, for its CJK run and for its word. */
    private void checkProbe(Target target, Forum forum) {
        for (String query : SearchCorpus.PROBE.split(" ")) {
            Page<SearchHit, SearchCursor> page = find(forum, Viewer.user("probe", "读者"), query,
                    SearchOrder.RELEVANCE);
            if (page.items().size() != 1
                    || page.items().get(0).floor() != SearchCorpus.probePost(posts) % POSTS_PER_TOPIC + 1) {
                report.violation(target.name(), "probe '" + query + "' found " + page.items().size() + " posts");
            }
        }
    }

    /**
     * Index entries and bytes, from the database's own catalog, over the posts loaded: PostgreSQL's
     * {@code fk_search_doc} with its TOAST table and indexes (one key per term), MariaDB's and H2's term table (one
     * row per term); on MariaDB also the bytes the page-compressed tablespace takes on disk.
     */
    private void indexSize(DatabaseTarget database, String scenario) throws SQLException {
        DataSource jdbc = database.jdbc().orElseThrow();
        // every post in the database, the replies of an earlier run kept with --search-keep too
        double posts = scalar(jdbc, "SELECT COUNT(*) FROM fk_post");
        boolean keys = database.dialect().equals("postgresql");
        long entries = scalar(jdbc, keys ? "SELECT COALESCE(SUM(cardinality(keys)), 0) FROM fk_search_doc"
                : "SELECT COUNT(*) FROM fk_search_term");
        report.add(database.name(), scenario, keys ? "index keys per post" : "index rows per post",
                entries / posts, "");
        switch (database.dialect()) {
            case "postgresql" -> report.add(database.name(), scenario, "index bytes per post (table + TOAST + indexes)",
                    scalar(jdbc, "SELECT pg_total_relation_size('fk_search_doc')") / (double) posts, "B");
            case "mariadb" -> {
                report.add(database.name(), scenario, "index bytes per post (data + index length)",
                        scalar(jdbc, "SELECT data_length + index_length FROM information_schema.tables"
                                + " WHERE table_schema = DATABASE() AND table_name = 'fk_search_term'") / (double) posts,
                        "B");
                try {
                    report.add(database.name(), scenario, "index bytes per post on disk (page-compressed file)",
                            scalar(jdbc, "SELECT allocated_size FROM information_schema.innodb_sys_tablespaces"
                                    + " WHERE name = CONCAT(DATABASE(), '/fk_search_term')") / (double) posts, "B");
                } catch (SQLException e) {
                    // the user forumkit has no PROCESS privilege on a default server: the size, not the run, is lost
                    report.note(database.name(), scenario, "index bytes per post on disk (page-compressed file)",
                            "n/a (" + e.getMessage() + ")");
                }
            }
            default -> report.note(database.name(), scenario, "index bytes per post",
                    "n/a (no catalog size on this database)");
        }
    }

    private static long scalar(DataSource jdbc, String sql) throws SQLException {
        try (Connection c = jdbc.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Replies with an indexed body against replies whose body has no index term (the store then writes no term
     * row), same run, same topics, in alternating rounds ({@value #REPLY_ROUNDS} of each, after a discarded
     * warm-up), so a change of the machine's load falls on both kinds alike; the difference is the analysis and
     * the insert of the terms.
     */
    private void replyCost(Target target, Forum forum, List<TopicId> topics, String scenario) throws Exception {
        String indexed = fragments.get(0) + "社会工作 forum support " + fragments.get(1);
        long[] operations = new long[2];
        double[] seconds = new double[2];
        Stats[] latency = {new Stats(), new Stats()};
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        double previous = 0;
        for (int round = -1; round < 2 * REPLY_ROUNDS; round++) {
            // round -1 warms the reply path up and is not reported; even rounds write no term, odd rounds do
            int kind = Math.max(0, round) % 2;
            String body = round < 0 || kind == 1 ? indexed : NO_TERMS_BODY;
            LoadDriver.Load load = LoadDriver.run(4, round < 0 ? repliesPerWriter / 4 : repliesPerWriter, thread -> {
                Random random = new Random(thread);
                Viewer.Member writer = Viewer.user("search-writer-" + thread, "写手");
                return op -> forum.posts().reply(writer, Reply.to(topics.get(random.nextInt(topics.size())), body));
            });
            if (load.failures() > 0) {
                report.violation(target.name(), scenario + ": " + load.failures() + " replies failed");
            }
            if (round < 0) {
                continue;
            }
            operations[kind] += load.operations();
            seconds[kind] += load.seconds();
            latency[kind].addAll(load.latency());
            if (kind == 1) {
                double ratio = load.perSecond() / previous;
                lowest = Math.min(lowest, ratio);
                highest = Math.max(highest, ratio);
            }
            previous = load.perSecond();
        }
        for (int kind = 0; kind < 2; kind++) {
            String name = kind == 0 ? "replies without index terms" : "replies with index terms";
            report.add(target.name(), scenario, name + " per second (4 writers, " + REPLY_ROUNDS + " rounds)",
                    operations[kind] / seconds[kind], "/s");
            report.add(target.name(), scenario, name + " p50", latency[kind].percentileMillis(50), "ms");
        }
        report.add(target.name(), scenario, "reply throughput with / without terms",
                operations[1] / seconds[1] / (operations[0] / seconds[0]), "");
        report.add(target.name(), scenario, "  lowest round pair's ratio", lowest, "");
        report.add(target.name(), scenario, "  highest round pair's ratio", highest, "");
        report.note(target.name(), scenario, "load average at the end", SearchCorpus.load());
    }
}
