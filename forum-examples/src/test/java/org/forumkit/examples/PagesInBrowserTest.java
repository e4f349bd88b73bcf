package org.forumkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.forumkit.model.ReportPost;
import org.forumkit.model.ReportReason;
import org.forumkit.model.TopicId;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.tck.ForumFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every page of the demo at 1280 and 390 px wide, in a real browser: no serious or critical axe-core violation, no
 * page wider than the screen, and a full-page screenshot of each under {@code target/screenshots/} to look at.
 */
@Tag("browser")
@Tag("h2")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Every demo page in a real browser: accessible, as wide as the screen, screenshotted")
class PagesInBrowserTest {
    static final Path SHOTS = Path.of("target", "screenshots");
    static final int DESKTOP = 1280;
    static final int PHONE = 390;

    Path data;
    DemoApp app;
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeAll
    void start() throws Exception {
        browser = Browsers.chromium();
        data = Files.createTempDirectory("forumkit-pages");
        app = DemoApp.start(new DemoConfig(0, null, null, null, data));
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        Files.createDirectories(SHOTS);
        // a report for the moderator's queue, and a nested Markdown list that must not widen the page
        var post = app.forum().topics().page(ForumFixtures.ADMIN, TopicId.of(1), TopicPageRequest.first(2)).posts()
                .get(1);
        app.forum().reports().report(ForumFixtures.ALICE, ReportPost.of(post.id(), ReportReason.SPAM));
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

    /**
     * A page to check: its file name, the path to open, who is signed in (or null), what must be there, and what
     * axe leaves out (null: nothing; the article's widget has tests of its own).
     */
    record Sight(String name, String path, String user, String ready, String outside) {
        Sight(String name, String path, String user, String ready) {
            this(name, path, user, ready, null);
        }
    }

    static final List<Sight> SIGHTS = List.of(
            new Sight("index", "/", null, "table.boards"),
            new Sight("board", "/boards/news-media", null, "table.topics"),
            new Sight("topic", "/topics/1", null, "#floor-2"),
            new Sight("login", "/login?next=/topics/1", null, "#login-alice"),
            new Sight("search", "/search?q=%E6%B0%91%E6%94%BF", null, "ol.search-hits"),
            new Sight("error", "/topics/999999", null, "#error"),
            new Sight("article", "/articles/civil-affairs", null, "[data-forumkit-key]", "[data-forumkit-key]"),
            new Sight("topic-member", "/topics/1?quote=1", "alice", "form.reply-form"),
            new Sight("board-member", "/boards/news-media", "alice", "form.topic-form"),
            new Sight("reports", "/boards/news-media/reports", "mod", "tr.report-row"),
            new Sight("topic-moderator", "/topics/1", "mod", "#mod-lock"));

    @Test
    @DisplayName("each page: zero serious or critical axe violations and no horizontal scrolling at 1280 and 390 px")
    void everyPage() throws IOException {
        SoftAssertions soft = new SoftAssertions();
        List<String> counts = new ArrayList<>();
        String signedIn = null;
        for (Sight sight : SIGHTS) {
            if (!java.util.Objects.equals(sight.user(), signedIn)) {
                signIn(sight.user());
                signedIn = sight.user();
            }
            for (int width : new int[] {DESKTOP, PHONE}) {
                screen(width);
                open(sight.path());
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(sight.ready())));
                List<Axe.Violation> found = sight.outside() == null ? Axe.serious(browser)
                        : Axe.seriousOutside(browser, sight.outside());
                counts.add(sight.name() + "@" + width + "=" + found.stream()
                        .mapToInt(v -> v.nodes().size()).sum());
                soft.assertThat(found).as("serious/critical axe violations on %s at %d px", sight.name(), width)
                        .isEmpty();
                soft.assertThat(overflow()).as("%s at %d px: content wider than the screen", sight.name(), width)
                        .isLessThanOrEqualTo(0);
                screenshot(sight.name() + "-" + width);
            }
        }
        System.out.println("axe serious/critical nodes per page: " + counts);
        soft.assertAll();
    }

    @Test
    @DisplayName("the dark scheme (prefers-color-scheme: dark) is as readable: no serious axe violation, screenshots too")
    void darkScheme() throws IOException {
        signIn("mod");
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        try {
            for (String[] sight : new String[][] {{"index", "/"}, {"topic", "/topics/1"},
                    {"reports", "/boards/news-media/reports"}, {"board", "/boards/news-media"}}) {
                for (int width : new int[] {DESKTOP, PHONE}) {
                    screen(width);
                    open(sight[1]);
                    assertThat(browser.executeScript("return matchMedia('(prefers-color-scheme: dark)').matches"))
                            .isEqualTo(true);
                    assertThat(Axe.serious(browser)).as("%s, dark, %d px", sight[0], width).isEmpty();
                    screenshot(sight[0] + "-dark-" + width);
                }
            }
        } finally {
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        }
    }

    @Test
    @DisplayName("the 退出 button reads against the header (it was white on the browser's light grey)")
    void logoutButtonReadable() {
        signIn("alice");
        screen(DESKTOP);
        open("/");
        assertThat(Axe.serious(browser, "form.logout")).isEmpty();
    }

    @Test
    @DisplayName("on a phone the author folds above the post and the post gets the width; on a desktop it sits beside, the text at a readable measure")
    void topicLayout() {
        signIn(null);
        screen(PHONE);
        open("/topics/1");
        Map<String, Object> phone = floorBoxes();
        assertThat(num(phone, "authorBottom")).as("author above the post").isLessThanOrEqualTo(num(phone, "mainTop"));
        assertThat(num(phone, "bodyWidth")).as("the post's width on a 390 px screen").isGreaterThanOrEqualTo(340);
        screen(DESKTOP);
        open("/topics/1");
        Map<String, Object> desktop = floorBoxes();
        assertThat(num(desktop, "authorRight")).as("author beside the post").isLessThanOrEqualTo(num(desktop, "mainLeft"));
        assertThat(num(desktop, "bodyWidth")).as("line length at most 42em")
                .isLessThanOrEqualTo(42 * num(desktop, "fontSize") + 1).isGreaterThan(25 * num(desktop, "fontSize"));
    }

    @Test
    @DisplayName("table headers stay on one line on a phone (they broke one character per line)")
    void headersOnOneLine() {
        signIn("mod");
        screen(PHONE);
        for (String path : List.of("/", "/boards/news-media", "/boards/news-media/reports")) {
            open(path);
            Object lines = browser.executeScript("""
                    return [...document.querySelectorAll('th')].filter(th => th.offsetParent !== null).map(th => {
                      const r = document.createRange(); r.selectNodeContents(th);
                      return th.textContent + '=' + new Set([...r.getClientRects()].map(x => Math.round(x.top))).size;
                    });""");
            assertThat((List<?>) lines).as("lines per visible header on %s", path)
                    .allSatisfy(l -> assertThat(String.valueOf(l)).endsWith("=1"));
        }
    }

    @Test
    @DisplayName("the new-topic text area is a writing area: the form's full width and at least 12 lines high")
    void newTopicTextarea() {
        signIn("carol");
        for (int width : new int[] {DESKTOP, PHONE}) {
            screen(width);
            open("/boards/news-media");
            Map<?, ?> box = (Map<?, ?>) browser.executeScript("""
                    const t = document.querySelector('.topic-form textarea'), f = t.closest('form');
                    return {w: t.getBoundingClientRect().width, h: t.getBoundingClientRect().height,
                            form: f.getBoundingClientRect().width,
                            line: parseFloat(getComputedStyle(t).lineHeight)};""");
            assertThat(((Number) box.get("w")).doubleValue()).as("width at %d px", width)
                    .isGreaterThanOrEqualTo(0.95 * ((Number) box.get("form")).doubleValue());
            assertThat(((Number) box.get("h")).doubleValue()).as("height at %d px", width)
                    .isGreaterThanOrEqualTo(12 * ((Number) box.get("line")).doubleValue());
        }
    }

    @Test
    @DisplayName("a post of Markdown lists nested six deep (the renderer's limit), long words and code stays inside a 390 px screen")
    void nestedListsFit() {
        var board = app.forum().boards().bySlug(ForumFixtures.ADMIN, "news-media").orElseThrow();
        StringBuilder body = new StringBuilder();
        for (int depth = 0; depth < 8; depth++) {
            body.append("  ".repeat(depth * 2)).append("- 第").append(depth + 1).append("层 ")
                    .append("https://example.org/a/very/long/path/without/any/break/" + "x".repeat(60)).append('\n');
        }
        body.append("\n```\n").append("code ".repeat(40)).append("\n```\n");
        var topic = app.forum().topics().start(ForumFixtures.ALICE, org.forumkit.model.StartTopic.of(board.id(),
                "嵌套列表", body.toString()).withFormat(org.forumkit.model.ContentFormat.MARKDOWN));
        signIn(null);
        screen(PHONE);
        open("/topics/" + topic.id().value());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#floor-1 .body ul ul ul ul ul ul")));
        assertThat(overflow()).as("page wider than the screen by").isLessThanOrEqualTo(0);
    }

    @Test
    @DisplayName("times are the reader's from the first view on, in one pattern everywhere (the first view was GMT+8)")
    void timesInTheReadersZone() {
        browser.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "America/New_York"));
        try {
            signIn(null);
            screen(DESKTOP);
            browser.manage().deleteAllCookies();
            open("/topics/1");
            assertThat(browser.findElement(By.cssSelector("#floor-1 .meta time")).getText()).isEqualTo("2012-8-6 21:21");
            assertThat(browser.findElement(By.cssSelector("#floor-2 .fk-quote time")).getText())
                    .isEqualTo("2012-8-6 21:21");
            assertThat(browser.findElement(By.cssSelector("#stats .zone")).getText()).isIn("GMT-5", "GMT-4");
            assertThat(browser.manage().getCookieNamed("tz").getValue()).isEqualTo("America%2FNew_York");
            for (String path : List.of("/topics/1", "/", "/boards/news-media", "/search?q=%E5%9F%B9%E8%AE%AD")) {
                open(path);
                assertThat(browser.findElements(By.cssSelector("main time"))).as("times on %s", path).isNotEmpty()
                        .allSatisfy(t -> assertThat(t.getDomProperty("textContent")).matches("\\d{4}-\\d{1,2}-\\d{1,2} \\d{2}:\\d{2}"));
            }
            open("/topics/1");
            assertThat(browser.findElement(By.cssSelector("#floor-1 .meta time")).getText()).isEqualTo("2012-8-6 21:21");
        } finally {
            browser.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", ""));
        }
    }

    private Map<String, Object> floorBoxes() {
        @SuppressWarnings("unchecked")
        Map<String, Object> boxes = (Map<String, Object>) browser.executeScript("""
                const a = document.querySelector('#floor-1 .author').getBoundingClientRect();
                const m = document.querySelector('#floor-1 .main').getBoundingClientRect();
                const b = document.querySelector('#floor-1 .body');
                return {authorBottom: a.bottom, authorRight: a.right, mainTop: m.top, mainLeft: m.left,
                        bodyWidth: b.getBoundingClientRect().width, fontSize: parseFloat(getComputedStyle(b).fontSize)};""");
        return boxes;
    }

    private static double num(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).doubleValue();
    }

    private void open(String path) {
        browser.get(app.url() + path.substring(1));
    }

    private void signIn(String user) {
        browser.manage().deleteAllCookies();
        open("/lang?to=zh-CN&next=/");
        if (user != null) {
            open("/login");
            wait.until(ExpectedConditions.elementToBeClickable(By.id("login-" + user))).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("me")));
        }
    }

    /** A phone-like (390, touch, mobile viewport) or desktop screen of this width. */
    void screen(int width) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height",
                width == PHONE ? 844 : 900, "deviceScaleFactor", 1, "mobile", width == PHONE));
    }

    /** How many CSS pixels the page is wider than the screen (0 or less: it fits). */
    long overflow() {
        return ((Number) browser.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")).longValue();
    }

    /** The whole page, not only the screen's height, as {@code target/screenshots/NAME.png}. */
    void screenshot(String name) throws IOException {
        long height = ((Number) browser.executeScript("return document.documentElement.scrollHeight")).longValue();
        long width = ((Number) browser.executeScript("return document.documentElement.clientWidth")).longValue();
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", width,
                        "height", Math.min(height, 8000), "scale", 1)));
        Files.write(SHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
    }
}
