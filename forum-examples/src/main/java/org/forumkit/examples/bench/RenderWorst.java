package org.forumkit.examples.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.forumkit.ForumSettings;
import org.forumkit.spi.ContentRenderer;

/**
 * The render-worst scenario: crafted Markdown, BBCode and plain text at the maximum body length, each rendered by
 * every format; reports the slowest render, and the slowest one's time at a quarter of the length, so a
 * superlinear cost shows as a ratio well above 4.
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
        return corpus;
    }

    void run(List<ContentRenderer> renderers) {
        int length = ForumSettings.defaults().maxBodyLength();
        Map<String, String> full = corpus(length);
        Map<String, String> quarter = corpus(length / 4);
        for (ContentRenderer renderer : renderers) {
            String worst = null;
            long worstNanos = 0;
            long largestOutput = 0;
            for (Map.Entry<String, String> input : full.entrySet()) {
                long nanos = best(renderer, input.getValue());
                largestOutput = Math.max(largestOutput, renderer.render(input.getValue()).length());
                if (nanos > worstNanos) {
                    worstNanos = nanos;
                    worst = input.getKey();
                }
            }
            long quarterNanos = best(renderer, quarter.get(worst));
            String format = renderer.format().name();
            report.add("core", "render-worst (" + length + " cp)", format + " slowest: " + worst,
                    worstNanos / 1e6, "ms");
            report.add("core", "render-worst (" + length + " cp)", format + " same input, 4x longer",
                    worstNanos / (double) Math.max(1, quarterNanos), "x time");
            report.add("core", "render-worst (" + length + " cp)", format + " largest output",
                    largestOutput / (double) length, "x input");
        }
    }

    /** The fastest of a few renders: the machine is shared, so the minimum is the least disturbed. */
    private static long best(ContentRenderer renderer, String source) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            renderer.render(source);
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }
}
