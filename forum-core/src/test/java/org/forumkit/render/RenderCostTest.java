package org.forumkit.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
