package org.forumkit.examples.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import org.forumkit.Forum;
import org.forumkit.imports.DisqusSource;
import org.forumkit.imports.ImportOptions;
import org.forumkit.imports.ImportReport;
import org.forumkit.model.Board;
import org.forumkit.model.CreateBoard;
import org.forumkit.spi.store.ImportKey;

/**
 * The import scenario: a generated Disqus export (comments spread over threads of 20, most of them replies, a few
 * deleted or spam) imported into a target; reports comments per second, the run's seconds, and the heap pools'
 * peaks against the maximum heap: a run that completes under a small {@code -Xmx} with a database target (whose
 * data is outside the JVM) is what "bounded memory" means here.
 */
final class ImportBench {
    static final int PER_THREAD = 20;

    private final Report report;

    ImportBench(Report report) {
        this.report = report;
    }

    /** Writes an export of {@code comments} comments to {@code file}, streaming, so the writer is bounded too. */
    static void disqusFile(Path file, int comments) throws IOException {
        Random random = new Random(17);
        int threads = (comments + PER_THREAD - 1) / PER_THREAD;
        Instant start = Instant.parse("2015-01-28T14:05:00Z");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<disqus xmlns=\"http://disqus.com\" "
                    + "xmlns:dsq=\"http://disqus.com/disqus-internals\">\n");
            for (int t = 0; t < threads; t++) {
                out.write("<thread dsq:id=\"t" + t + "\"><id>page-" + t + "</id><link>https://example.com/p/" + t
                        + "/</link><title>文章 " + t + "</title><createdAt>" + start + "</createdAt>"
                        + "<isClosed>false</isClosed><isDeleted>false</isDeleted></thread>\n");
            }
            for (int c = 0; c < comments; c++) {
                int thread = c / PER_THREAD;
                int inThread = c % PER_THREAD;
                String parent = inThread == 0 || random.nextInt(3) == 0 ? ""
                        : "<parent dsq:id=\"c" + (thread * PER_THREAD + random.nextInt(inThread)) + "\"/>";
                out.write("<post dsq:id=\"c" + c + "\"><message><![CDATA[<p>评论 " + c + "：这是一条<b>导入的</b>评论，"
                        + "with <a href=\"https://example.com/x\">a link</a>.</p>]]></message><createdAt>"
                        + start.plusSeconds(60L * c) + "</createdAt><isDeleted>" + (c % 97 == 5) + "</isDeleted>"
                        + "<isSpam>" + (c % 101 == 7) + "</isSpam><author><name>用户" + (c % 500) + "</name>"
                        + "<username>user" + (c % 500) + "</username></author><thread dsq:id=\"t" + thread + "\"/>"
                        + parent + "</post>\n");
            }
            out.write("</disqus>\n");
        }
    }

    void disqus(Target target, int comments) throws Exception {
        Path file = Files.createTempFile("forumkit-bench-disqus-", ".xml");
        try {
            disqusFile(file, comments);
            target.reset();
            try (Forum forum = Forum.builder().store(target.node(0)).build()) {
                Board category = forum.boards().create(Scenarios.ADMIN, CreateBoard.category("c-import", "分区"));
                Board board = forum.boards().create(Scenarios.ADMIN, CreateBoard.board(category.id(), "import", "导入"));
                System.gc();
                heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
                long started = System.nanoTime();
                ImportReport result = forum.imports().run(Scenarios.ADMIN, new DisqusSource(file),
                        ImportOptions.into(board.id()));
                double seconds = (System.nanoTime() - started) / 1e9;
                long peak = heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
                String scenario = "import Disqus (" + comments + " comments, " + Files.size(file) / (1024 * 1024)
                        + " MiB file)";
                long posts = result.added(ImportKey.Kind.POST);
                report.add(target.name(), scenario, "seconds", seconds, "s");
                report.add(target.name(), scenario, "comments per second", posts / seconds, "/s");
                // the pools peak at different times, so their sum over-states the peak; the bound is the -Xmx it ran in
                report.add(target.name(), scenario, "sum of heap pools' peaks (max heap "
                        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB)", peak / (1024.0 * 1024.0), "MiB");
                long expected = expectedPosts(comments);
                if (posts != expected || result.added(ImportKey.Kind.TOPIC) != (comments + PER_THREAD - 1) / PER_THREAD) {
                    report.violation(target.name(), "import added " + posts + " posts, expected " + expected);
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * The comments the import keeps, counted from the same generator: not spam, and not deleted unless a kept reply
     * hangs under it (parents come before their replies, so one backward pass sees every reply first).
     */
    private static long expectedPosts(int comments) {
        Random random = new Random(17);
        int[] parent = new int[comments];
        for (int c = 0; c < comments; c++) {
            int inThread = c % PER_THREAD;
            parent[c] = inThread == 0 || random.nextInt(3) == 0 ? -1
                    : (c / PER_THREAD) * PER_THREAD + random.nextInt(inThread);
        }
        boolean[] keptReply = new boolean[comments];
        long kept = 0;
        for (int c = comments - 1; c >= 0; c--) {
            boolean spam = c % 101 == 7;
            boolean deleted = c % 97 == 5;
            if (!spam && (!deleted || keptReply[c])) {
                kept++;
                if (parent[c] >= 0) {
                    keptReply[parent[c]] = true;
                }
            }
        }
        return kept;
    }

    private static java.util.List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }
}
