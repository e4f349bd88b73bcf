package org.forumkit.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.forumkit.spi.ContentRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Rendering has a bounded cost: lists and quotes nest no deeper than {@link RenderOptions} allows, and crafted
 * bodies at the default maximum length give output linear in their length. Times are the benchmark's
 * ({@code --scenarios render-worst}), never asserted here.
 */
@DisplayName("Rendering has a bounded cost")
class RenderCostTest {
    private static final int MAX_BODY = 20_000;

    private static String fit(String unit, int codePoints) {
        StringBuilder b = new StringBuilder();
        while (b.codePointCount(0, b.length()) < codePoints) {
            b.append(unit);
        }
        return b.substring(0, b.offsetByCodePoints(0, codePoints));
    }

    private static int depth(String html, String tag) {
        Document doc = Jsoup.parseBodyFragment(html);
        return doc.select(tag).stream().mapToInt(e -> (int) e.parents().stream().filter(p -> p.is(tag)).count() + 1).max().orElse(0);
    }

    @Test
    @DisplayName("lists nest at most maxListDepth deep in BBCode and Markdown (default 6), quotes maxQuoteDepth")
    void depthLimits() {
        String bbLists = "[list][*]a".repeat(40) + "[/list]".repeat(40);
        String mdLists = String.join("\n", java.util.stream.IntStream.range(0, 40)
                .mapToObj(i -> "  ".repeat(i) + "- item " + i).toList());
        assertThat(depth(new BbCodeRenderer().render(bbLists), "ul")).isEqualTo(6);
        assertThat(depth(new MarkdownRenderer().render(mdLists), "ul")).isEqualTo(6);
        RenderOptions two = RenderOptions.defaults().withMaxListDepth(2);
        assertThat(depth(new BbCodeRenderer(two).render(bbLists), "ul")).isEqualTo(2);
        assertThat(depth(new MarkdownRenderer(two).render(mdLists), "ul")).isEqualTo(2);
        // Flattened items keep their text.
        String tenDeep = "[list][*]a".repeat(10) + "[/list]".repeat(10);
        assertThat(Jsoup.parse(new BbCodeRenderer(two).render(tenDeep)).text().replace(" ", "")).isEqualTo("a".repeat(10));
        assertThat(Jsoup.parse(new MarkdownRenderer(two).render(mdLists)).text()).contains("item 39");

        String bbQuotes = "[quote]q".repeat(40) + "[/quote]".repeat(40);
        assertThat(depth(new BbCodeRenderer().render(bbQuotes), "blockquote")).isEqualTo(3);
        assertThat(depth(new MarkdownRenderer().render(">".repeat(40) + " q"), "blockquote")).isEqualTo(3);

        assertThatThrownBy(() -> RenderOptions.defaults().withMaxListDepth(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RenderOptions.defaults().withMaxListDepth(RenderOptions.MAX_LIST_DEPTH_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("crafted bodies at the maximum length give output at most 8 times their length, in every format")
    void outputLinearInInput() {
        List<String> corpus = List.of(fit("[", MAX_BODY), fit("[a](", MAX_BODY), fit("*_", MAX_BODY),
                fit("`a``", MAX_BODY), fit("- ", MAX_BODY), fit(">", MAX_BODY), fit("<http://a", MAX_BODY),
                fit("https://x.y/", MAX_BODY), fit("<&>\"", MAX_BODY), fit("&#", MAX_BODY), fit("[b]", MAX_BODY),
                fit("[quote]", MAX_BODY), fit("[list][*]", MAX_BODY), fit("[url=", MAX_BODY), fit("[*]", MAX_BODY),
                fit("[b][i][/b][/i]", MAX_BODY), fit("![", MAX_BODY), fit("😀\n", MAX_BODY), fit("|a", MAX_BODY));
        for (ContentRenderer renderer : List.of(new PlainTextRenderer(), new BbCodeRenderer(), new MarkdownRenderer())) {
            for (String body : corpus) {
                String html = renderer.render(body);
                assertThat(html.length()).as(renderer.format() + " of " + body.substring(0, 12))
                        .isLessThanOrEqualTo(8 * body.length() + 1024);
            }
        }
    }

    /**
     * Crafted bodies that made commonmark-java 0.27 quadratic: one paragraph of thousands of lines that do not start
     * with a letter (each line copied the paragraph's lines so far), and runs of {@code <} or {@code [a]: <} that
     * never close (each one scanned to the end of the input).
     */
    static final List<String> SUPERLINEAR_BEFORE = List.of("😀\n", "[a]\n", "2. a\n", "!\n", "<a", "[a]: <",
            "<http://a", "[a](", "*_", "[quote]", "[list][*]", "[*]", "> - ");

    @Test
    @DisplayName("the work of a render grows linearly: bytes allocated for 8 times the input at most 12 times, in every"
            + " format")
    void workLinearInInput() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean bean && bean.isThreadAllocatedMemorySupported(),
                "this JVM counts no allocated bytes per thread");
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) threads;
        List<String> superlinear = new java.util.ArrayList<>();
        for (ContentRenderer renderer : List.of(new PlainTextRenderer(), new BbCodeRenderer(), new MarkdownRenderer())) {
            for (String unit : SUPERLINEAR_BEFORE) {
                String small = fit(unit, MAX_BODY / 8);
                String large = fit(unit, MAX_BODY);
                renderer.render(small); // classes loaded, caches filled: what follows is the render's own work
                long atSmall = allocated(bean, () -> renderer.render(small));
                long atLarge = allocated(bean, () -> renderer.render(large));
                if (atLarge > 12 * atSmall) {
                    superlinear.add(renderer.format() + " " + unit.replace("\n", "\\n") + ": " + atSmall + " → "
                            + atLarge + " bytes");
                }
            }
        }
        assertThat(superlinear).isEmpty();
    }

    /** The fewest bytes one of three runs allocates on this thread. */
    private static long allocated(com.sun.management.ThreadMXBean bean, Runnable render) {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long before = bean.getCurrentThreadAllocatedBytes();
            render.run();
            least = Math.min(least, bean.getCurrentThreadAllocatedBytes() - before);
        }
        return least;
    }
}
