package org.forumkit.examples.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import org.forumkit.Forum;
import org.forumkit.imports.DiscuzSource;
import org.forumkit.imports.ImportOptions;
import org.forumkit.imports.ImportReport;
import org.forumkit.spi.store.ImportKey;

/**
 * The Discuz! import scenario: a generated Discuz! X3.4 database on MariaDB ({@code discuz_src_bench}, through
 * {@code FORUMKIT_BENCH_DISCUZ_URL}, default the local server as root) with threads of 20 posts, half of them in
 * {@code forum_post_1}, one post in five quoting the one before it, one in ten with a 支持, imported into a target;
 * reports posts per second, the run's seconds and the heap pools' peaks against the maximum heap.
 */
final class DiscuzBench {
    static final int PER_THREAD = 20;
    private static final int BATCH = 500;

    private final Report report;

    DiscuzBench(Report report) {
        this.report = report;
    }

    /** The server URL (no database), user and password of the source server. */
    private static String[] server() {
        String url = System.getenv().getOrDefault("FORUMKIT_BENCH_DISCUZ_URL", "jdbc:mariadb://127.0.0.1:3306/");
        return new String[] {url, System.getenv().getOrDefault("FORUMKIT_BENCH_DISCUZ_USER", "root"),
            System.getenv().getOrDefault("FORUMKIT_BENCH_DISCUZ_PASSWORD", "")};
    }

    /** Creates {@code discuz_src_bench} with {@code posts} posts; returns its JDBC URL. */
    static String generate(int posts) throws SQLException, IOException {
        String[] server = server();
        String url = server[0].endsWith("/") ? server[0] + "discuz_src_bench" : server[0] + "/discuz_src_bench";
        try (Connection c = DriverManager.getConnection(server[0], server[1], server[2]);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS discuz_src_bench");
            s.execute("CREATE DATABASE discuz_src_bench CHARACTER SET utf8mb4");
        }
        String schema;
        try (InputStream in = DiscuzBench.class.getResourceAsStream("/discuz/x3-schema.sql")) {
            schema = new String(Objects.requireNonNull(in, "x3-schema.sql").readAllBytes(), StandardCharsets.UTF_8);
        }
        int threads = (posts + PER_THREAD - 1) / PER_THREAD;
        long start = 1_400_000_000L;
        try (Connection c = DriverManager.getConnection(url, server[1], server[2]); Statement s = c.createStatement()) {
            for (String statement : schema.replaceAll("--[^\n]*\n", "\n").split(";\\s*\n")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
            s.execute("CREATE TABLE pre_forum_post_1 LIKE pre_forum_post");
            s.execute("INSERT INTO pre_forum_forum (fid, fup, `type`, `name`, `status`) VALUES (1, 0, 'group', '分区', 1),"
                    + " (2, 1, 'forum', '压测版块', 1)");
            s.execute("INSERT INTO pre_forum_threadclass (typeid, fid, `name`, displayorder, icon) VALUES (1, 2, '讨论', 0, '')");
            Batch thread = new Batch(s, "INSERT INTO pre_forum_thread (tid, fid, posttableid, typeid, author, authorid,"
                    + " `subject`, dateline, views, replies) VALUES ");
            for (int t = 1; t <= threads; t++) {
                thread.add("(" + t + ", 2, " + (t % 2) + ", 1, 'user" + (t % 500) + "', " + (t % 500 + 1) + ", '压测主题 "
                        + t + "', " + (start + 60L * t) + ", " + (t * 7 % 1000) + ", " + (PER_THREAD - 1) + ")");
            }
            thread.flush();
            Batch[] post = {new Batch(s, postInsert("pre_forum_post")), new Batch(s, postInsert("pre_forum_post_1"))};
            Batch votes = new Batch(s, "INSERT INTO pre_forum_hotreply_member (tid, pid, uid, attitude) VALUES ");
            for (int p = 1; p <= posts; p++) {
                int t = (p - 1) / PER_THREAD + 1;
                int position = (p - 1) % PER_THREAD + 1;
                String message = position > 1 && p % 5 == 0
                        ? "[quote][size=2][url=forum.php?mod=redirect&goto=findpost&pid=" + (p - 1) + "&ptid=" + t
                                + "][color=#999999]user 发表于 2014-5-14 00:53[/color][/url][/size]\\r\\n第 " + (p - 1)
                                + " 帖[/quote]\\r\\n回复 " + p + " :)"
                        : "第 " + p + " 帖：这是一条[b]导入的[/b]帖子，with [url=https://example.com/x]a link[/url].";
                post[t % 2].add("(" + p + ", 2, " + t + ", " + (position == 1 ? 1 : 0) + ", 'user" + (p % 500) + "', "
                        + (p % 500 + 1) + ", " + (start + 60L * t + position) + ", '" + message + "', "
                        + (p % 97 == 5 ? -1 : 0) + ", " + position + ")");
                if (p % 10 == 3) {
                    votes.add("(" + t + ", " + p + ", " + (p % 400 + 600) + ", " + (p % 3 == 0 ? 0 : 1) + ")");
                }
            }
            post[0].flush();
            post[1].flush();
            votes.flush();
        }
        return url;
    }

    private static String postInsert(String table) {
        return "INSERT INTO " + table + " (pid, fid, tid, `first`, author, authorid, dateline, message, invisible, position)"
                + " VALUES ";
    }

    void discuz(Target target, int posts) throws Exception {
        String url;
        try {
            url = generate(posts);
        } catch (SQLException e) {
            report.note(target.name(), "import Discuz!", "skipped", "no source MariaDB: " + e.getMessage());
            return;
        }
        String[] server = server();
        target.reset();
        try (Forum forum = Forum.builder().store(target.node(0)).build()) {
            System.gc();
            heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
            long started = System.nanoTime();
            ImportReport result = forum.imports().run(Scenarios.ADMIN, DiscuzSource.of(url, server[1], server[2]),
                    ImportOptions.into(null));
            double seconds = (System.nanoTime() - started) / 1e9;
            long peak = heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            String scenario = "import Discuz! (" + posts + " posts, MariaDB source)";
            long added = result.added(ImportKey.Kind.POST);
            report.add(target.name(), scenario, "seconds", seconds, "s");
            report.add(target.name(), scenario, "posts per second", added / seconds, "/s");
            report.add(target.name(), scenario, "sum of heap pools' peaks (max heap "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB)", peak / (1024.0 * 1024.0), "MiB");
            int threads = (posts + PER_THREAD - 1) / PER_THREAD;
            if (added != posts || result.added(ImportKey.Kind.TOPIC) != threads) {
                report.violation(target.name(), "Discuz! import added " + added + " posts and "
                        + result.added(ImportKey.Kind.TOPIC) + " topics, expected " + posts + " and " + threads);
            }
        }
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    /** Multi-row INSERTs of {@link #BATCH} rows. */
    private static final class Batch {
        private final Statement s;
        private final String head;
        private final StringBuilder rows = new StringBuilder();
        private int count;

        Batch(Statement s, String head) {
            this.s = s;
            this.head = head;
        }

        void add(String row) throws SQLException {
            rows.append(count == 0 ? "" : ",").append(row);
            if (++count == BATCH) {
                flush();
            }
        }

        void flush() throws SQLException {
            if (count > 0) {
                s.execute(head + rows);
                rows.setLength(0);
                count = 0;
            }
        }
    }
}
