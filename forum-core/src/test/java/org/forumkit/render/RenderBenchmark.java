package org.forumkit.render;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.forumkit.spi.ContentRenderer;

/**
 * Render throughput of a typical 2 KB Chinese post in each built-in format. A plain main class, not a test:
 * timings depend on the machine, so nothing asserts them. Run with
 * {@code mvn -pl forum-core test-compile exec:java -Dexec.mainClass=org.forumkit.render.RenderBenchmark
 * -Dexec.classpathScope=test} (optional argument: seconds per format, default 3).
 */
public final class RenderBenchmark {
    private static final String PARAGRAPH = "一、着眼高水平崛起核心任务，强化民政服务保障。各级民政部门要坚持以人民为中心的发展思想，"
            + "兜住兜准兜牢民生底线，详情见 https://www.example.com/news/2026/11/26/article-42.html 的报道。";

    private RenderBenchmark() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        List<Object[]> cases = List.of(
                new Object[] {new PlainTextRenderer(), post("", "", "")},
                new Object[] {new BbCodeRenderer(), post("[b]", "[/b]", "[quote=张三]引用的内容[/quote]\n")},
                new Object[] {new MarkdownRenderer(), post("**", "**", "> 引用的内容\n\n")});
        for (Object[] c : cases) {
            ContentRenderer renderer = (ContentRenderer) c[0];
            String source = (String) c[1];
            run(renderer, source, seconds / 3); // warm-up
            double perSecond = run(renderer, source, seconds);
            System.out.printf("%-12s %5d bytes  %,10.0f renders/s  %8.1f µs/render%n", renderer.version(),
                    source.getBytes(StandardCharsets.UTF_8).length, perSecond, 1e6 / perSecond);
        }
    }

    /** About 2 KB of UTF-8: paragraphs of Chinese text with a link, some emphasis and a quote. */
    private static String post(String strongOpen, String strongClose, String quote) {
        StringBuilder post = new StringBuilder(quote);
        while (post.toString().getBytes(StandardCharsets.UTF_8).length < 2048) {
            post.append(strongOpen).append("要点").append(strongClose).append(PARAGRAPH).append("\n\n");
        }
        return post.toString();
    }

    private static double run(ContentRenderer renderer, String source, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long count = 0;
        int sink = 0;
        while (System.nanoTime() < end) {
            sink += renderer.render(source).length();
            count++;
        }
        if (sink == 42) {
            System.out.print(""); // keeps the results alive
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }
}
