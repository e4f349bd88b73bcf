package org.forumkit.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.forumkit.internal.SimpleHtml;
import org.forumkit.spi.ContentRenderer;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link SimpleHtml} skips jsoup only where jsoup would change nothing: for every HTML it calls simple, the cleaner
 * gives the same string back and jsoup's text is its text. Checked for every character of the BMP and for seeded
 * random paragraphs; near misses are not simple.
 */
@DisplayName("Simple HTML is what jsoup's cleaner gives back unchanged")
class SimpleHtmlTest {
    private static final String[] PIECES = {"<br>", "\n", "\t", " ", "  ", "回复", "中文", "a", "Z", "0", "。", "，", "!",
        "?", ";", "=", "/", "\\", "(", ")", "[", "]", "*", "_", "`", "~", "#", "-", "+", "@", "%", "ä", "é", "ё",
        "\u3000", "\u2028", "\u0301"};

    private static void sameAsJsoup(String html) {
        assertThat(SimpleHtml.isSimple(html)).as("simple: %s", html).isTrue();
        assertThat(SafeHtml.cleanParsed(html, false)).as("cleaned by jsoup").isEqualTo(html);
        assertThat(SafeHtml.cleanParsed(html, true)).as("cleaned by jsoup, relative links").isEqualTo(html);
        assertThat(SimpleHtml.text(html)).as("text of %s", html).isEqualTo(Jsoup.parse(html).text());
    }

    @Test
    @DisplayName("every BMP character jsoup keeps as it is counts as text, in paragraphs the cleaner leaves alone")
    void everyCharacter() {
        StringBuilder chunk = new StringBuilder();
        int text = 0;
        for (int c = 0; c <= 0xFFFF; c++) {
            if (!SimpleHtml.isSimple("<p>" + (char) c + "</p>")) {
                continue;
            }
            text++;
            chunk.append('x').append((char) c);
            if (chunk.length() >= 128) {
                sameAsJsoup("<p>" + chunk + "</p>");
                chunk.setLength(0);
            }
        }
        sameAsJsoup("<p>" + chunk + "</p>");
        // none of what jsoup escapes, drops or reads as markup
        for (char c : "<>&\"'\u0000\r\f\u007F\u0085\u00A0\u00AD\u200B\uFEFF\uD800\uDC00\uFFFF".toCharArray()) {
            assertThat(SimpleHtml.isSimple("<p>" + c + "</p>")).as("U+%04X", (int) c).isFalse();
        }
        assertThat(text).isGreaterThan(60_000);
    }

    @Test
    @DisplayName("seeded random text, <br> and paragraphs of those are cleaned to themselves")
    void randomParagraphs() {
        Random random = new Random(0x53696D706CL);
        for (int n = 0; n < 3_000; n++) {
            StringBuilder html = new StringBuilder();
            int blocks = random.nextInt(5);
            for (int b = 0; b < blocks; b++) {
                if (random.nextInt(3) == 0) {
                    html.append(PIECES[random.nextInt(PIECES.length)]); // text outside a paragraph (BBCODE)
                    continue;
                }
                html.append("<p>");
                int pieces = random.nextInt(8);
                for (int p = 0; p < pieces; p++) {
                    if (random.nextInt(5) == 0) {
                        char c = (char) (0xA1 + random.nextInt(0xD800 - 0xA1));
                        html.append(SimpleHtml.isSimple("<p>" + c + "</p>") ? c : 'x');
                    } else {
                        html.append(PIECES[random.nextInt(PIECES.length)]);
                    }
                }
                html.append("</p>");
            }
            sameAsJsoup(html.toString());
        }
    }

    @Test
    @DisplayName("another tag, an attribute, an entity or an unclosed paragraph is not simple")
    void nearMisses() {
        List<String> misses = List.of("<p>a", "a</p>", "<p><p>a</p></p>",
                "<p>a<br/></p>", "<p>a</br></p>", "<P>a</P>", "<p >a</p>", "<p class=\"x\">a</p>", "<p>a &amp; b</p>",
                "<p>a&nbsp;b</p>", "<p><b>a</b></p>", "<p>a</p><script>x</script>", "<p>😀</p>", "<p>a<br</p>",
                "<p>a</p", "<pre>a</pre>", "<p><!-- a --></p>");
        for (String html : misses) {
            assertThat(SimpleHtml.isSimple(html)).as(html).isFalse();
        }
        for (String html : List.of("", "a", "<br>", "<p>a</p>b", " <p>a</p>\n<p></p>")) {
            sameAsJsoup(html);
        }
    }

    @Test
    @DisplayName("a one-line reply, and a few lines, render as simple HTML in every format, cleaned as before")
    void repliesAreSimple() {
        List<ContentRenderer> renderers = List.of(new PlainTextRenderer(), new BbCodeRenderer(), new MarkdownRenderer());
        List<String> simple = new ArrayList<>();
        for (ContentRenderer renderer : renderers) {
            for (String body : List.of("回复 1", "第一行\n第二行", "一段\n\n另一段", "plain words, 中文。")) {
                String html = renderer.render(body);
                if (SimpleHtml.isSimple(html)) {
                    simple.add(renderer.format() + ": " + body);
                    sameAsJsoup(html);
                }
            }
        }
        assertThat(simple).contains("PLAIN: 回复 1", "BBCODE: 回复 1", "MARKDOWN: 回复 1", "PLAIN: 一段\n\n另一段",
                "BBCODE: 一段\n\n另一段", "MARKDOWN: 一段\n\n另一段");
    }
}
