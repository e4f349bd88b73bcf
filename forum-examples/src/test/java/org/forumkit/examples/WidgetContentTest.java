package org.forumkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.forumkit.ValidationException;
import org.forumkit.model.Board;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.tck.ForumFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.UnhandledAlertException;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The widget with a big thread: the time to the first comments of a 1,000-floor thread (printed for BENCHMARKS.md,
 * not asserted), then forum-core's hostile inputs in every format rendered through the widget with nothing run.
 */
@Tag("browser")
@Tag("h2")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("The comments widget with a 1,000-floor thread and hostile content (headless Chromium)")
class WidgetContentTest {
    static final String HOSTILE = "/org/forumkit/render/hostile-inputs.txt";

    @TempDir
    static Path data;
    DemoApp app;
    ChromeDriver browser;
    Widgets widget;
    Topic thread;

    @BeforeAll
    void start() throws Exception {
        browser = Browsers.chromium();
        app = DemoApp.start(new DemoConfig(0, null, null, null, data));
        widget = new Widgets(browser);
        browser.get(app.url() + "lang?to=zh-CN&next=/");
        Board board = app.forum().boards().bySlug(ForumFixtures.ADMIN, "comments").orElseThrow();
        thread = app.forum().topics().start(ForumFixtures.CAROL, new StartTopic(board.id(), "强化高水平崛起的民政服务保障",
                null, "第 1 楼", null, WidgetBrowserTest.KEY));
        for (int floor = 2; floor <= 1000; floor++) {
            app.forum().posts().reply(floor % 2 == 0 ? ForumFixtures.BOB : ForumFixtures.ALICE,
                    Reply.to(thread.id(), "第 " + floor + " 楼：" + "评论内容".repeat(floor % 7 + 1)));
        }
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("a 1,000-floor thread: the first 20 floors from one request; time to comments shown is printed")
    void thousandFloors() {
        List<Long> shown = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            browser.get(app.url() + WidgetBrowserTest.ARTICLE.substring(1));
            widget.ready();
            assertThat(widget.all(".fk-post")).hasSize(20);
            assertThat(widget.find(".fk-count").getText()).isEqualTo("1000 条评论");
            assertThat(widget.resources().keySet()).filteredOn(url -> url.contains("/api/")).hasSize(1);
            @SuppressWarnings("unchecked")
            Map<String, Object> times = (Map<String, Object>) widget.js("var n = performance.getEntriesByType('navigation')[0];"
                    + "return {shown: performance.getEntriesByName('forumkit-shown')[0].startTime,"
                    + " dom: n.domContentLoadedEventEnd};");
            shown.add(Math.round(((Number) times.get("shown")).doubleValue()));
        }
        // the first load warms the server and the browser's caches: reported apart
        List<Long> warm = shown.subList(1, shown.size()).stream().sorted().toList();
        System.out.printf("WIDGET-BENCH 1000-floor thread, page load -> first 20 floors shown: cold %d ms, warm median %d"
                + " ms (min %d, max %d, %d loads); load average %s%n", shown.get(0), warm.get(warm.size() / 2),
                warm.get(0), warm.get(warm.size() - 1), warm.size(), loadAverage());
    }

    @Test
    @Order(2)
    @DisplayName("every hostile input of forum-core in PLAIN, MARKDOWN and BBCODE shown by the widget: no dialog, no marker, no script")
    void hostileContent() throws Exception {
        List<String> cases = hostileInputs();
        int posted = 0;
        for (String input : cases) {
            for (ContentFormat format : List.of(ContentFormat.PLAIN, ContentFormat.MARKDOWN, ContentFormat.BBCODE)) {
                try {
                    app.forum().posts().reply(ForumFixtures.BOB, new Reply(thread.id(), input, format, null, List.of()));
                    posted++;
                } catch (ValidationException e) {
                    // blank after cleaning or too long: refused before rendering, nothing to show
                }
            }
        }
        assertThat(posted).isGreaterThan(cases.size() * 2);
        // the demo's Content-Security-Policy would stop inline handlers by itself: the widget must be safe without it
        browser.executeCdpCommand("Page.setBypassCSP", Map.of("enabled", true));
        browser.get(app.url() + WidgetBrowserTest.ARTICLE.substring(1));
        widget.ready();
        // an injected script would call one of these, or set a marker of its own
        widget.js("window.__fkRan = 0; window.alert = window.confirm = window.prompt = function () { window.__fkRan++; };");
        widget.js("arguments[0].forumkit.update({order: 'NEWEST', pageSize: 100})", widget.host());
        try {
            widget.ready();
            int loads = 0;
            while (widget.all(".fk-post").size() < posted && loads++ < 40) {
                int before = widget.all(".fk-post").size();
                widget.find(".fk-more").click();
                new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(30))
                        .until(d -> widget.all(".fk-post").size() > before);
            }
            assertThat(widget.all(".fk-post").size()).isGreaterThanOrEqualTo(posted);
            Thread.sleep(500); // onerror/onload handlers of broken images would have fired by now
            assertThat(widget.js("return window.__fkRan")).isEqualTo(0L);
            assertThat(widget.js("return window.pwned === undefined && window.xss === undefined")).isEqualTo(true);
            Object found = widget.js("var root = arguments[0].shadowRoot, bad = [];"
                    + "root.querySelectorAll('.fk-body *').forEach(function (e) {"
                    + "  var tag = e.tagName.toLowerCase();"
                    + "  if (['script', 'iframe', 'object', 'embed', 'form', 'input', 'style', 'link', 'meta', 'base', 'svg']"
                    + "      .indexOf(tag) >= 0) { bad.push(tag); }"
                    + "  Array.prototype.forEach.call(e.attributes, function (a) {"
                    + "    if (/^on/i.test(a.name) || /^\\s*(javascript|vbscript|data):/i.test(a.value)) { bad.push(tag + '@' + a.name); }"
                    + "  });"
                    + "});"
                    + "return bad.slice(0, 20).join(', ');", widget.host());
            assertThat(found).isEqualTo("");
            // the widget asks only its own server; an image a post may show (https, by the renderer's rules) is content
            assertThat(widget.resources()).allSatisfy((url, initiator) -> assertThat(url.startsWith(app.url())
                    || "img".equals(initiator)).as(url + " by " + initiator).isTrue());
        } catch (UnhandledAlertException e) {
            fail("a hostile post opened a dialog: " + e.getAlertText());
        }
    }

    static List<String> hostileInputs() throws Exception {
        List<String> cases = new ArrayList<>();
        try (InputStream in = WidgetContentTest.class.getResourceAsStream(HOSTILE)) {
            if (in == null) {
                fail(HOSTILE + " (forum-core's test-jar) is not on the test classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isEmpty() && !line.startsWith("#|")) {
                    cases.add(unescape(line));
                }
            }
        }
        assertThat(cases).hasSizeGreaterThan(300);
        return cases;
    }

    /** The file's escapes: \n \t \r \\ \xHH \\uXXXX (as HostileInputTest reads them). */
    static String unescape(String line) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != '\\' || i + 1 == line.length()) {
                out.append(c);
                continue;
            }
            char next = line.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '\\' -> out.append('\\');
                case 'x' -> {
                    out.append((char) Integer.parseInt(line.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'u' -> {
                    out.append((char) Integer.parseInt(line.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append('\\').append(next);
            }
        }
        return out.toString();
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
