package org.forumkit.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import org.forumkit.spi.ContentRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Entities;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of every built-in renderer over random text and over markup assembled from BBCode, Markdown and HTML
 * fragments: never throws, output is safe and well formed (tags balance, and a browser's parse serializes back to
 * the same HTML), and rendering is deterministic. Inputs come from a seeded {@link Random}, so a failure names the
 * seed and input that reproduce it.
 */
class RendererPropertiesTest {
    private static final long BASE_SEED = 0x466F72756DL;
    private static final int SEEDS = 150;
    private static final int INPUTS_PER_SEED = 4;

    private static final RenderOptions PERMISSIVE = RenderOptions.defaults().withRelativeLinks(true)
            .withHttpImages(true).withImageUrls(url -> Optional.of("https://proxy.example/?" + url.hashCode()));
    private static final List<ContentRenderer> RENDERERS = List.of(new PlainTextRenderer(), new BbCodeRenderer(),
            new MarkdownRenderer(), new BbCodeRenderer(PERMISSIVE), new MarkdownRenderer(PERMISSIVE));

    private static final String[] FRAGMENTS = {
        "[b]", "[/b]", "[i]", "[/i]", "[u]", "[/u]", "[s]", "[/s]", "[url]", "[/url]", "[url=https://a.example]",
        "[url=javascript:alert(1)]", "[img]", "[/img]", "https://i.example/p.png", "[quote]", "[quote=张三]",
        "[/quote]", "[code]", "[/code]", "[size=3]", "[size=9]", "[/size]", "[color=red]", "[color=#fff]",
        "[color=url(x)]", "[/color]", "[list]", "[list=1]", "[*]", "[/*]", "[/list]", "[align=center]", "[/align]",
        "[", "]", "=", "\n", "\n\n", " ", "\t", "text", "中文", "😀", "*", "**", "_", "`", "```", "~~~", "#", "> ",
        "- ", "1. ", "    ", "[x](", ")", "![y](", "<", ">", "</", "<script>", "<b>", "</b>", "<a href=\"",
        "\"", "'", "&", "&amp;", "&#58;", "javascript:", "http://", "https://", "mailto:", "//", "\\", "|",
        "---", "<!--", "-->", "\u202E", "\u200B", "\u0000", "\r\n"
    };

    /** Code point pools random text draws from: ASCII, controls, markup characters, CJK, emoji, bidi, surrogates. */
    private static final int[][] RANGES = {
        {0x20, 0x7E}, {0x00, 0x1F}, {0x7F, 0x9F}, {0x4E00, 0x4FFF}, {0x3000, 0x303F}, {0xFF01, 0xFF5E},
        {0x1F600, 0x1F64F}, {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2066, 0x2069}, {0xD800, 0xDFFF}, {0x0300, 0x036F},
    };
    private static final String MARKUP_CHARS = "[]<>\"'`=/\\&#;:*_~!()\n";

    static LongStream seeds() {
        return LongStream.range(0, SEEDS).map(i -> BASE_SEED + i);
    }

    @ParameterizedTest(name = "random text, seed {0}")
    @MethodSource("seeds")
    void randomTextIsRenderedSafely(long seed) {
        Random random = new Random(seed);
        for (int n = 0; n < INPUTS_PER_SEED; n++) {
            check(seed, randomText(random));
        }
    }

    @ParameterizedTest(name = "mutated markup, seed {0}")
    @MethodSource("seeds")
    void mutatedMarkupIsRenderedSafely(long seed) {
        Random random = new Random(seed);
        for (int n = 0; n < INPUTS_PER_SEED; n++) {
            check(seed, mutatedMarkup(random));
        }
    }

    static String randomText(Random random) {
        int length = random.nextInt(400);
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            if (random.nextInt(4) == 0) {
                text.append(MARKUP_CHARS.charAt(random.nextInt(MARKUP_CHARS.length())));
            } else {
                int[] range = RANGES[random.nextInt(RANGES.length)];
                int cp = range[0] + random.nextInt(range[1] - range[0] + 1);
                // Lone surrogates are wanted too: append the char, not a code point.
                if (cp <= 0xFFFF) {
                    text.append((char) cp);
                } else {
                    text.appendCodePoint(cp);
                }
            }
        }
        return text.toString();
    }

    /** Fragments joined, then mutated: a character dropped, duplicated or swapped here and there. */
    static String mutatedMarkup(Random random) {
        StringBuilder text = new StringBuilder();
        int parts = random.nextInt(60);
        for (int i = 0; i < parts; i++) {
            text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        }
        int mutations = text.length() == 0 ? 0 : random.nextInt(4);
        for (int m = 0; m < mutations && text.length() > 1; m++) {
            int at = random.nextInt(text.length() - 1);
            switch (random.nextInt(3)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, text.charAt(at));
                default -> {
                    char c = text.charAt(at);
                    text.setCharAt(at, text.charAt(at + 1));
                    text.setCharAt(at + 1, c);
                }
            }
        }
        return text.toString();
    }

    private static void check(long seed, String source) {
        for (ContentRenderer renderer : RENDERERS) {
            String html = renderer.render(source);
            String where = renderer.version() + ", seed " + seed + ", input " + escapeJava(source);
            assertThat(HtmlSafety.problems(html)).as("%s: %s", where, html).isEmpty();
            assertThat(reserialized(html)).as(where).isEqualTo(html);
            assertThat(renderer.render(source)).as(where).isEqualTo(html);
        }
    }

    private static String reserialized(String html) {
        var doc = Jsoup.parseBodyFragment(html);
        doc.outputSettings().prettyPrint(false).charset("UTF-8").escapeMode(Entities.EscapeMode.base);
        return doc.body().html();
    }

    private static String escapeJava(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c > 0x7E) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
