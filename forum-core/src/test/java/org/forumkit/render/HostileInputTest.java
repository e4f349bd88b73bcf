package org.forumkit.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.forumkit.model.Author;
import org.forumkit.model.PostId;
import org.forumkit.model.Quote;
import org.forumkit.model.QuoteStatus;
import org.forumkit.model.UserId;
import org.forumkit.spi.ContentRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@code hostile-inputs.txt} through every format (with the default and with the most permissive
 * options), through quote blocks (as excerpt, author name and permalink) and through plain-text escaping; each
 * output is judged by {@link HtmlSafety}.
 */
class HostileInputTest {
    private static final RenderOptions PERMISSIVE = RenderOptions.defaults().withRelativeLinks(true)
            .withHttpImages(true).withMaxQuoteDepth(RenderOptions.MAX_QUOTE_DEPTH_LIMIT)
            .withImageUrls(url -> Optional.of("https://img.proxy.example/?u="
                    + URLEncoder.encode(url, StandardCharsets.UTF_8)));
    private static final List<ContentRenderer> RENDERERS = List.of(
            new PlainTextRenderer(), new BbCodeRenderer(), new MarkdownRenderer(),
            new PlainTextRenderer(PERMISSIVE), new BbCodeRenderer(PERMISSIVE), new MarkdownRenderer(PERMISSIVE),
            new BbCodeRenderer(RenderOptions.defaults().withRelativeLinks(true)
                    .withImageUrls(url -> Optional.of("javascript:alert(1)//" + url))));

    static Stream<String> cases() throws IOException {
        List<String> cases = new ArrayList<>();
        try (var in = new BufferedReader(new InputStreamReader(
                HostileInputTest.class.getResourceAsStream("hostile-inputs.txt"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isEmpty() && !line.startsWith("#|")) {
                    cases.add(unescape(line));
                }
            }
        }
        return cases.stream();
    }

    @Test
    @DisplayName("the case file holds at least 200 distinct cases")
    void enoughCases() throws IOException {
        assertThat(cases().distinct().count()).isGreaterThanOrEqualTo(200);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void everyFormatIsSafe(String input) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        for (int i = 0; i < RENDERERS.size(); i++) {
            ContentRenderer renderer = RENDERERS.get(i);
            String html = renderer.render(input);
            record(problems, renderer.format() + "#" + i, html);
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void quoteBlocksAreSafeAndStayInTheirBlock(String input) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        String name = input.isBlank() ? "x" : input;
        Quote quote = new Quote(new PostId(7), 3, new Author(new UserId("u1"), name),
                Instant.parse("2026-11-26T09:30:00Z"), 1, input, false, true);
        for (QuoteStatus status : QuoteStatus.values()) {
            for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) {
                String html = QuoteBlocks.render(quote, status, q -> input, locale);
                String where = "quote/" + status + "/" + locale;
                record(problems, where, html);
                Document doc = Jsoup.parseBodyFragment(html);
                if (doc.body().children().size() != 1 || !doc.body().child(0).is("blockquote.fk-quote")
                        || doc.select("blockquote").size() != 1 || doc.select("div.fk-quote-body").size() != 1) {
                    problems.computeIfAbsent(where, k -> new ArrayList<>()).add("broke out of its block: " + html);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void plainTextEscapingNeverMakesMarkup(String input) {
        // A template that puts a title, name or external key into text and into an attribute.
        String html = "<a href=\"https://ok.example/\" title=\"" + Html.escape(input) + "\">" + Html.escape(input)
                + "</a>";
        assertThat(HtmlSafety.problems(html)).isEmpty();
        Document doc = Jsoup.parseBodyFragment(html);
        assertThat(doc.body().childrenSize()).isEqualTo(1);
        Element link = doc.body().child(0);
        assertThat(link.children()).isEmpty();
        assertThat(link.attributes().size()).isEqualTo(2);
        assertThat(link.attr("href")).isEqualTo("https://ok.example/");
    }

    @Test
    @DisplayName("the judge itself catches what it must (so the suite cannot pass vacuously)")
    void judgeCatchesUnsafeHtml() {
        assertThat(HtmlSafety.problems("<script>alert(1)</script>")).isNotEmpty();
        assertThat(HtmlSafety.problems("<b onclick=\"x\">x</b>")).isNotEmpty();
        assertThat(HtmlSafety.problems("<a href=\"java&#x09;script:alert(1)\">x</a>")).isNotEmpty();
        assertThat(HtmlSafety.problems("<a href=\"javascript%3Aalert(1)\">x</a>")).isNotEmpty();
        assertThat(HtmlSafety.problems("<a href=\" \u0001JaVaScRiPt:alert(1)\">x</a>")).isNotEmpty();
        assertThat(HtmlSafety.problems("<img src=\"data:image/png;base64,AA\">")).isNotEmpty();
        assertThat(HtmlSafety.problems("<a href=\"//evil.example\">x</a>")).isNotEmpty();
        assertThat(HtmlSafety.problems("<span style=\"color:red;background:url(x)\">x</span>")).isNotEmpty();
        assertThat(HtmlSafety.problems("<svg><a>x</a></svg>")).isNotEmpty();
        assertThat(HtmlSafety.problems("<b><i>x</b></i>")).isNotEmpty();
        assertThat(HtmlSafety.problems("<b>x")).isNotEmpty();
        assertThat(HtmlSafety.problems("<p><a href=\"https://ok.example\" rel=\"nofollow ugc noopener\">x</a><br>"
                + "<span style=\"color:#f00\">y</span></p>")).isEmpty();
    }

    private static void record(Map<String, List<String>> problems, String where, String html) {
        List<String> found = HtmlSafety.problems(html);
        if (!found.isEmpty()) {
            problems.computeIfAbsent(where, k -> new ArrayList<>()).add(found + " in " + html);
        }
    }

    /** Decodes the case file's escapes: \n \t \r \\ \xHH and backslash-u with four hex digits; any other backslash stays as it is. */
    static String unescape(String line) {
        StringBuilder out = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != '\\' || i + 1 >= line.length()) {
                out.append(c);
                continue;
            }
            char next = line.charAt(i + 1);
            switch (next) {
                case 'n' -> { out.append('\n'); i++; }
                case 't' -> { out.append('\t'); i++; }
                case 'r' -> { out.append('\r'); i++; }
                case '\\' -> { out.append('\\'); i++; }
                case 'x' -> { out.append((char) Integer.parseInt(line.substring(i + 2, i + 4), 16)); i += 3; }
                case 'u' -> { out.append((char) Integer.parseInt(line.substring(i + 2, i + 6), 16)); i += 5; }
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
