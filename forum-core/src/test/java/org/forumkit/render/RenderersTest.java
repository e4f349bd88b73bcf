package org.forumkit.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import org.forumkit.model.Author;
import org.forumkit.model.PostId;
import org.forumkit.model.Quote;
import org.forumkit.model.QuoteStatus;
import org.forumkit.model.UserId;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RenderersTest {

    private static Document parse(String html) {
        return Jsoup.parseBodyFragment(html);
    }

    @Nested
    @DisplayName("PLAIN")
    class Plain {
        private final PlainTextRenderer plain = new PlainTextRenderer();

        @Test
        @DisplayName("keeps paragraphs and line breaks and escapes markup")
        void paragraphsAndBreaks() {
            Document doc = parse(plain.render("第一段<b>\r\n第二行\n\n\n第二段"));
            assertThat(doc.select("p")).hasSize(2);
            assertThat(doc.select("p").get(0).select("br")).hasSize(1);
            assertThat(doc.select("b")).isEmpty();
            assertThat(doc.select("p").get(0).text()).isEqualTo("第一段<b> 第二行");
        }

        @Test
        @DisplayName("links bare http(s) URLs with rel nofollow ugc noopener, leaving trailing punctuation out")
        void links() {
            Document doc = parse(plain.render("见 https://example.com/a?b=1&c=2。 以及 (http://x.example/p)."));
            assertThat(doc.select("a")).extracting(a -> a.attr("href"))
                    .containsExactly("https://example.com/a?b=1&c=2", "http://x.example/p");
            assertThat(doc.select("a")).allSatisfy(a -> assertThat(a.attr("rel")).isEqualTo("nofollow ugc noopener"));
        }

        @Test
        @DisplayName("has a new version, so stored bodies of the old one can be re-rendered")
        void version() {
            assertThat(plain.version()).isEqualTo("plain/2");
        }
    }

    @Nested
    @DisplayName("BBCODE")
    class BbCode {
        private final BbCodeRenderer bb = new BbCodeRenderer();

        @Test
        @DisplayName("renders the inline tags, case-insensitively")
        void inline() {
            Document doc = parse(bb.render("[B]b[/b][i]i[/I][u]u[/u][s]s[/s]"));
            assertThat(doc.select("b").text()).isEqualTo("b");
            assertThat(doc.select("i").text()).isEqualTo("i");
            assertThat(doc.select("u").text()).isEqualTo("u");
            assertThat(doc.select("s").text()).isEqualTo("s");
        }

        @Test
        @DisplayName("maps [size] and [color] values from the allow-lists and shows other values as text")
        void sizeAndColor() {
            Document doc = parse(bb.render("[size=5]a[/size][color=Red]b[/color][color=#A0b]c[/color]"
                    + "[color=#aabbcc]d[/color][size=9]e[/size][color=red;x:y]f[/color]"));
            assertThat(doc.select("span.fk-size-5").text()).isEqualTo("a");
            assertThat(doc.select("span[style]")).extracting(e -> e.attr("style"))
                    .containsExactly("color:red", "color:#a0b", "color:#aabbcc");
            assertThat(doc.body().text()).contains("[size=9]e[/size]", "[color=red;x:y]f[/color]");
        }

        @Test
        @DisplayName("links [url] and [url=…] and shows links with other schemes as their text")
        void urls() {
            Document doc = parse(bb.render("[url]https://a.example/x[/url] [url=http://b.example]B[/url] "
                    + "[url=javascript:alert(1)]C[/url] [url=mailto:me@example.com]M[/url]"));
            assertThat(doc.select("a")).extracting(a -> a.attr("href"))
                    .containsExactly("https://a.example/x", "http://b.example", "mailto:me@example.com");
            assertThat(doc.body().text()).contains("C").doesNotContain("javascript");
        }

        @Test
        @DisplayName("shows https images, and http images only when allowed, through the host's URL hook")
        void images() {
            assertThat(parse(bb.render("[img]https://i.example/a.png[/img]")).select("img").attr("src"))
                    .isEqualTo("https://i.example/a.png");
            assertThat(parse(bb.render("[img]http://i.example/a.png[/img]")).select("img")).isEmpty();
            BbCodeRenderer proxied = new BbCodeRenderer(RenderOptions.defaults().withHttpImages(true)
                    .withImageUrls(url -> Optional.of("https://proxy.example/i?u=" + url.length())));
            assertThat(parse(proxied.render("[img]http://i.example/a.png[/img]")).select("img").attr("src"))
                    .isEqualTo("https://proxy.example/i?u=" + "http://i.example/a.png".length());
            BbCodeRenderer refusing = new BbCodeRenderer(RenderOptions.defaults().withImageUrls(url -> Optional.empty()));
            assertThat(parse(refusing.render("[img]https://i.example/a.png[/img]")).select("img")).isEmpty();
        }

        @Test
        @DisplayName("renders quotes with an optional author and flattens those nested deeper than allowed")
        void quotes() {
            String nested = "[quote=张三]1[quote]2[quote]3[quote]4[/quote][/quote][/quote][/quote]";
            Document doc = parse(bb.render(nested));
            assertThat(doc.select("blockquote.fk-quote")).hasSize(3);
            assertThat(doc.select("cite.fk-quote-author").text()).isEqualTo("张三");
            assertThat(doc.body().text()).contains("4");
            Document shallow = parse(new BbCodeRenderer(RenderOptions.defaults().withMaxQuoteDepth(1)).render(nested));
            assertThat(shallow.select("blockquote")).hasSize(1);
        }

        @Test
        @DisplayName("keeps [code] content unparsed and escaped")
        void code() {
            Element pre = parse(bb.render("[code]\n[b]x[/b] <i>\n[/code]")).selectFirst("pre.fk-code > code");
            assertThat(pre).isNotNull();
            assertThat(pre.text()).isEqualTo("[b]x[/b] <i>");
        }

        @Test
        @DisplayName("renders [list], [list=1] and [*] items")
        void lists() {
            Document doc = parse(bb.render("[list]\n[*]一\n[*]二\n[/list][list=1][*]a[/list]"));
            assertThat(doc.select("ul > li")).extracting(Element::text).containsExactly("一", "二");
            assertThat(doc.select("ol > li")).extracting(Element::text).containsExactly("a");
        }

        @Test
        @DisplayName("aligns with fixed classes")
        void align() {
            assertThat(parse(bb.render("[align=center]x[/align]")).select("div.fk-align-center").text())
                    .isEqualTo("x");
        }

        @Test
        @DisplayName("shows unknown, unbalanced and misnested tags as text")
        void unbalanced() {
            assertThat(parse(bb.render("[foo]x[/foo]")).body().text()).isEqualTo("[foo]x[/foo]");
            assertThat(parse(bb.render("[b]open")).body().text()).isEqualTo("[b]open");
            assertThat(parse(bb.render("close[/b]")).body().text()).isEqualTo("close[/b]");
            Document crossed = parse(bb.render("[b]x[i]y[/b]z[/i]"));
            assertThat(crossed.select("b").text()).isEqualTo("x[i]y");
            assertThat(crossed.select("i")).isEmpty();
            assertThat(crossed.body().text()).endsWith("z[/i]");
        }
    }

    @Nested
    @DisplayName("MARKDOWN")
    class Markdown {
        private final MarkdownRenderer md = new MarkdownRenderer();

        @Test
        @DisplayName("renders CommonMark with raw HTML shown as text")
        void commonMark() {
            Document doc = parse(md.render("# 标题\n\n*em* **strong** `code`\n\n- a\n- b\n\n<b>raw</b>"));
            assertThat(doc.select("h1").text()).isEqualTo("标题");
            assertThat(doc.select("em").text()).isEqualTo("em");
            assertThat(doc.select("strong").text()).isEqualTo("strong");
            assertThat(doc.select("ul > li")).hasSize(2);
            assertThat(doc.select("b")).isEmpty();
            assertThat(doc.body().text()).contains("<b>raw</b>");
        }

        @Test
        @DisplayName("keeps safe links with rel, and shows unsafe ones and disallowed images as their text")
        void linksAndImages() {
            Document doc = parse(md.render("[ok](https://a.example) [bad](javascript:alert(1)) "
                    + "![pic](https://i.example/p.png) ![old](http://i.example/p.png) [rel](/t/1)"));
            assertThat(doc.select("a")).extracting(a -> a.attr("href")).containsExactly("https://a.example");
            assertThat(doc.select("a").attr("rel")).isEqualTo("nofollow ugc noopener");
            assertThat(doc.select("img")).extracting(i -> i.attr("src")).containsExactly("https://i.example/p.png");
            assertThat(doc.body().text()).contains("bad", "old", "rel");
            Document relative = parse(new MarkdownRenderer(RenderOptions.defaults().withRelativeLinks(true))
                    .render("[rel](/t/1)"));
            assertThat(relative.select("a").attr("href")).isEqualTo("/t/1");
            assertThat(relative.select("a").hasAttr("rel")).isFalse();
        }

        @Test
        @DisplayName("flattens quotes nested deeper than allowed")
        void quoteDepth() {
            assertThat(parse(md.render("> 1\n>> 2\n>>> 3\n>>>> 4\n>>>>> 5")).select("blockquote")).hasSize(3);
        }

        @Test
        @DisplayName("links bare URLs outside links and code, like PLAIN and BBCODE")
        void bareUrls() {
            Document doc = parse(md.render("见 https://a.example/x。 `https://b.example` [c](https://c.example)"));
            assertThat(doc.select("a")).extracting(a -> a.attr("href"))
                    .containsExactly("https://a.example/x", "https://c.example");
            assertThat(doc.select("code").text()).isEqualTo("https://b.example");
        }

        @Test
        @DisplayName("keeps single line breaks")
        void lineBreaks() {
            assertThat(parse(md.render("一\n二")).select("p > br")).hasSize(1);
        }
    }

    @Nested
    @DisplayName("Quote blocks")
    class QuoteBlocksTest {
        private final Quote quote = new Quote(new PostId(1), 1, new Author(new UserId("alice"), "Alice <3"),
                Instant.parse("2026-11-26T02:30:00Z"), 1, "第一行\n第二行 <i>", false, true);

        @Test
        @DisplayName("attribute the author and time, link to the source floor and keep the excerpt's line breaks")
        void block() {
            Document doc = parse(QuoteBlocks.render(quote, QuoteStatus.UNCHANGED, q -> "/t/9#floor-" + q.sourceFloor(),
                    Locale.SIMPLIFIED_CHINESE, ZoneId.of("Asia/Shanghai")));
            Element link = doc.selectFirst("blockquote.fk-quote a.fk-quote-source");
            assertThat(link).isNotNull();
            assertThat(link.attr("href")).isEqualTo("/t/9#floor-1");
            assertThat(link.select("cite").text()).isEqualTo("Alice <3");
            assertThat(link.select("time").attr("datetime")).isEqualTo("2026-11-26T02:30:00Z");
            assertThat(link.select("time").text()).isEqualTo("2026-11-26 10:30");
            assertThat(doc.select(".fk-quote-body br")).hasSize(1);
            assertThat(doc.select(".fk-quote-body").text()).isEqualTo("第一行 第二行 <i>…");
            assertThat(doc.select(".fk-quote-edited, .fk-quote-deleted")).isEmpty();
        }

        @Test
        @DisplayName("mark an edited or deleted source in Chinese and English")
        void markers() {
            assertThat(parse(QuoteBlocks.render(quote, QuoteStatus.SOURCE_EDITED, q -> "/p", Locale.CHINA))
                    .select(".fk-quote-edited").text()).isEqualTo("原帖已编辑");
            assertThat(parse(QuoteBlocks.render(quote, QuoteStatus.SOURCE_GONE, q -> "/p", Locale.CHINA))
                    .select(".fk-quote-deleted").text()).isEqualTo("原帖已删除");
            assertThat(parse(QuoteBlocks.render(quote, QuoteStatus.SOURCE_GONE, q -> "/p", Locale.ENGLISH))
                    .select(".fk-quote-deleted").text()).contains("deleted");
        }

        @Test
        @DisplayName("leave the attribution unlinked when the permalink is not an allowed link")
        void badPermalink() {
            Document doc = parse(QuoteBlocks.render(quote, QuoteStatus.UNCHANGED, q -> "javascript:alert(1)",
                    Locale.ENGLISH));
            assertThat(doc.select("a")).isEmpty();
            assertThat(doc.select("cite").text()).isEqualTo("Alice <3");
        }
    }

    @Test
    @DisplayName("every format drops explicit bidi controls, which could disguise text or reach past the post")
    void bidiControls() {
        String spoof = "invoice\u202Efdp.exe \u2067x\u2069";
        for (var renderer : java.util.List.of(new PlainTextRenderer(), new BbCodeRenderer(), new MarkdownRenderer())) {
            assertThat(parse(renderer.render(spoof)).body().text()).as(renderer.version())
                    .isEqualTo("invoicefdp.exe x");
        }
    }

    @Nested
    @DisplayName("Options")
    class Options {
        @Test
        @DisplayName("validate the quote depth")
        void depth() {
            org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                    .isThrownBy(() -> RenderOptions.defaults().withMaxQuoteDepth(0))
                    .withMessageContaining("maxQuoteDepth");
        }

        @Test
        @DisplayName("a failing image hook hides the image instead of failing the post")
        void failingHook() {
            BbCodeRenderer bb = new BbCodeRenderer(RenderOptions.defaults().withImageUrls(url -> {
                throw new IllegalStateException("proxy down");
            }));
            assertThat(parse(bb.render("[img]https://i.example/a.png[/img]")).select("img")).isEmpty();
        }
    }
}
