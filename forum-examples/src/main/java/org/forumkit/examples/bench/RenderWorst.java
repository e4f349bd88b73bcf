package org.forumkit.examples.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.forumkit.ForumSettings;
import org.forumkit.spi.ContentRenderer;

/**
 * The render-worst scenario: crafted Markdown, BBCode and plain text at the maximum body length, each rendered by
 * every format at 1/8, 1/4, 1/2 and the whole length (CPU time of the rendering thread); reports the slowest render at the whole length and the largest
 * time ratio between 8x and 1x the length of any input (a linear cost gives about 8, a quadratic one about 64).
 */
final class RenderWorst {
    private final Report report;

    RenderWorst(Report report) {
        this.report = report;
    }

    /** Repeats {@code unit} to exactly {@code codePoints} code points. */
    static String fit(String unit, int codePoints) {
        StringBuilder b = new StringBuilder();
        while (b.codePointCount(0, b.length()) < codePoints) {
            b.append(unit);
        }
        return b.substring(0, b.offsetByCodePoints(0, codePoints));
    }

    /** Inputs known to stress CommonMark and BBCode parsers: unclosed brackets, delimiter runs, deep nesting. */
    static Map<String, String> corpus(int length) {
        Map<String, String> corpus = new LinkedHashMap<>();
        corpus.put("open brackets", fit("[", length));
        corpus.put("unclosed links", fit("[a](", length));
        corpus.put("emphasis runs", fit("*_", length));
        corpus.put("emphasis words", fit("*a ", length));
        corpus.put("backtick runs", fit("`a``", length));
        corpus.put("nested list markers", fit("- ", length));
        corpus.put("nested quote markers", fit(">", length));
        corpus.put("angle autolinks", fit("<http://a", length));
        corpus.put("bare urls", fit("https://x.y/", length));
        corpus.put("html to escape", fit("<&>\"", length));
        corpus.put("entities", fit("&#", length));
        corpus.put("image openers", fit("![", length));
        corpus.put("bb bold openers", fit("[b]", length));
        corpus.put("bb quote openers", fit("[quote]", length));
        corpus.put("bb nested lists", fit("[list][*]", length));
        corpus.put("bb url openers", fit("[url=", length));
        corpus.put("bb items", fit("[*]", length));
        corpus.put("bb misnested", fit("[b][i][/b][/i]", length));
        corpus.put("table pipes", fit("|a", length));
        corpus.put("emoji lines", fit("😀\n", length));
        corpus.put("punctuation lines", fit("!\n", length));
        corpus.put("bracket lines", fit("[a]\n", length));
        corpus.put("non-starting list lines", fit("2. a\n", length));
        corpus.put("unclosed html tags", fit("<a", length));
        corpus.put("unclosed definitions", fit("[a]: <", length));
        corpus.put("quote list nesting", fit("> - ", length));
        return corpus;
    }

    void run(List<ContentRenderer> renderers) {
        int length = ForumSettings.defaults().maxBodyLength();
        String scenario = "render-worst (" + length + " cp)";
        for (ContentRenderer renderer : renderers) {
            // Compiled first: the ratios compare a warm renderer with itself, not the interpreter with the JIT.
            for (int round = 0; round < 3; round++) {
                for (int k = 0; k < 4; k++) {
                    corpus(length >> k).values().forEach(renderer::render);
                }
            }
            String slowest = null;
            long slowestNanos = 0;
            String steepest = null;
            double steepestRatio = 0;
            double largestOutput = 0;
            for (String name : corpus(length).keySet()) {
                long[] nanos = new long[4];
                for (int k = 0; k < 4; k++) {
                    String body = corpus(length >> (3 - k)).get(name);
                    nanos[k] = best(renderer, body);
                    if (k == 3) {
                        largestOutput = Math.max(largestOutput, renderer.render(body).length() / (double) length);
                    }
                }
                double ratio = nanos[3] / (double) Math.max(1, nanos[0]);
                System.out.printf(java.util.Locale.ROOT, "  %-9s %-24s %8.2f %8.2f %8.2f %8.2f ms  8x/1x %5.1f%n",
                        renderer.format(), name, nanos[0] / 1e6, nanos[1] / 1e6, nanos[2] / 1e6, nanos[3] / 1e6, ratio);
                if (nanos[3] > slowestNanos) {
                    slowestNanos = nanos[3];
                    slowest = name;
                }
                if (ratio > steepestRatio) {
                    steepestRatio = ratio;
                    steepest = name;
                }
            }
            String format = renderer.format().name();
            report.add("core", scenario, format + " slowest: " + slowest, slowestNanos / 1e6, "ms");
            report.add("core", scenario, format + " steepest 8x/1x: " + steepest, steepestRatio, "x time");
            report.add("core", scenario, format + " largest output", largestOutput, "x input");
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * The least CPU time of a few renders on this thread (wall time where the JVM measures none): the machine is
     * shared, and CPU time leaves out the time other processes held the core.
     */
    private static long best(ContentRenderer renderer, String source) {
        boolean cpu = THREADS.isCurrentThreadCpuTimeSupported();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 7; i++) {
            long start = cpu ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
            renderer.render(source);
            best = Math.min(best, (cpu ? THREADS.getCurrentThreadCpuTime() : System.nanoTime()) - start);
        }
        return best;
    }
}
