package org.forumkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.forumkit.model.Board;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Reply;
import org.forumkit.model.ReportReason;
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
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The comments widget on the demo's article, as readers use it, in one site and one browser: the steps build on one
 * another (the thread grows), in the order given.
 */
@Tag("browser")
@Tag("h2")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("The comments widget in a real browser (headless Chromium)")
class WidgetBrowserTest {
    static final String ARTICLE = "/articles/civil-affairs";
    static final String KEY = "article-civil-affairs";

    @TempDir
    static Path data;
    DemoApp app;
    ChromeDriver browser;
    Widgets widget;

    @BeforeAll
    void start() throws Exception {
        browser = Browsers.chromium();
        app = DemoApp.start(new DemoConfig(0, null, null, null, data));
        widget = new Widgets(browser);
        open("/lang?to=zh-CN&next=/");
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

    void open(String path) {
        browser.get(app.url() + path.substring(1));
    }

    void signInAs(String user) {
        browser.manage().deleteCookieNamed("FORUMKIT_SESSION");
        open("/login?next=" + ARTICLE);
        browser.findElement(By.id("login-" + user)).click();
        widget.ready();
    }

    Topic thread() {
        Board board = app.forum().boards().bySlug(ForumFixtures.ADMIN, "comments").orElseThrow();
        return app.forum().topics().byExternalKey(ForumFixtures.ADMIN, board.id(), KEY).orElseThrow();
    }

    @Test
    @Order(1)
    @DisplayName("signed out: 您需要登录后才可以回帖 with the site's sign-in link, no editor; one API request, all same-origin")
    void signedOut() {
        open(ARTICLE);
        widget.ready();
        WebElement prompt = widget.find(".fk-login-required");
        assertThat(prompt.getText()).contains("您需要登录后才可以回帖");
        assertThat(widget.find(".fk-sign-in").getAttribute("href"))
                .isEqualTo(app.url() + "login?next=%2Farticles%2Fcivil-affairs");
        assertThat(widget.all("textarea")).isEmpty();
        assertThat(widget.find(".fk-empty").getText()).isEqualTo("还没有评论，来抢沙发吧。");
        assertThat(browser.findElement(By.cssSelector("[data-forumkit-count]")).getText()).isEqualTo("0");
        assertThat(widget.resources().keySet()).allSatisfy(url -> assertThat(url).startsWith(app.url()));
        assertThat(widget.resources().keySet()).filteredOn(url -> url.contains("/api/")).hasSize(1);
        assertThat(widget.seriousViolations()).isEmpty();
    }

    @Test
    @Order(2)
    @DisplayName("errors from the API show inline; the code-point counter; a Markdown preview rendered by the server; posting")
    void errorsPreviewAndPosting() {
        signInAs("carol");
        widget.find(".fk-submit").click();
        widget.waitFor(".fk-form .fk-error", "内容不能为空。");
        assertThat(widget.find(".fk-input").getAttribute("aria-invalid")).isEqualTo("true");

        WebElement input = widget.find(".fk-input");
        input.sendKeys("**粗体** 😀");
        assertThat(widget.all(".fk-form .fk-error").get(0).isDisplayed()).isFalse();
        assertThat(widget.find(".fk-counter").getText()).startsWith("8 / ");
        new Select(widget.find(".fk-form select[name=format]")).selectByValue("MARKDOWN");
        widget.find(".fk-preview-button").click();
        assertThat(widget.find(".fk-preview strong").getText()).isEqualTo("粗体");
        assertThat(thread0()).isFalse(); // a preview stores nothing
        widget.find(".fk-preview-button").click();
        widget.find(".fk-submit").click();
        assertThat(widget.find("#fk-floor-1 .fk-body strong").getText()).isEqualTo("粗体");
        assertThat(thread().title()).isEqualTo("强化高水平崛起的民政服务保障");
        widget.waitFor(".fk-count", "1 条评论");
        assertThat(browser.findElement(By.cssSelector("[data-forumkit-count]")).getText()).isEqualTo("1");

        int max = app.forum().settings().maxBodyLength();
        widget.js("var i = arguments[0].shadowRoot.querySelector('.fk-input'); i.value = 'x'.repeat(arguments[1]);"
                + "i.dispatchEvent(new Event('input'));", widget.host(), max + 1);
        assertThat(widget.find(".fk-counter").getAttribute("class")).contains("fk-over");
        widget.find(".fk-submit").click();
        widget.waitFor(".fk-form .fk-error", "内容太长：最多 " + max + " 字");
        assertThat(thread().replies()).isZero();
    }

    private boolean thread0() {
        Board board = app.forum().boards().bySlug(ForumFixtures.ADMIN, "comments").orElseThrow();
        return app.forum().topics().byExternalKey(ForumFixtures.ADMIN, board.id(), KEY).isPresent();
    }

    @Test
    @Order(3)
    @DisplayName("回复 quotes the floor in place; 支持, change to 反对, retract; the own vote survives a reload; a refused vote rolls back; 举报")
    void quoteVoteReport() {
        signInAs("alice");
        widget.find("#fk-floor-1 .fk-reply").click();
        assertThat(widget.find(".fk-quoting").getText()).contains("引用 1# 楼");
        assertThat(widget.js("return arguments[0].shadowRoot.activeElement.className", widget.host())).isEqualTo("fk-input");
        widget.find(".fk-input").sendKeys("引用回复");
        widget.find(".fk-submit").click();
        assertThat(widget.find("#fk-floor-2 .fk-excerpt").getText()).contains("粗体");
        assertThat(widget.find("#fk-floor-2 .fk-attribution").getText()).startsWith("Carol 发表于");

        widget.find("#fk-floor-1 .fk-support").click();
        widget.waitFor("#fk-floor-1 .fk-support", "支持 1");
        assertThat(widget.find("#fk-floor-1 .fk-support").getAttribute("aria-pressed")).isEqualTo("true");
        widget.find("#fk-floor-1 .fk-oppose").click();
        widget.waitFor("#fk-floor-1 .fk-oppose", "反对 1");
        assertThat(widget.find("#fk-floor-1 .fk-support").getText()).isEqualTo("支持 0");
        widget.waitGone("#fk-floor-1[aria-busy]");
        open(ARTICLE);
        assertThat(widget.find("#fk-floor-1 .fk-oppose").getAttribute("aria-pressed")).isEqualTo("true");
        widget.find("#fk-floor-1 .fk-oppose").click();
        widget.waitFor("#fk-floor-1 .fk-oppose", "反对 0");
        widget.waitGone("#fk-floor-1[aria-busy]"); // the count showed at once; now the server has it too
        open(ARTICLE);
        assertThat(widget.find("#fk-floor-1 .fk-oppose").getAttribute("aria-pressed")).isEqualTo("false");
        assertThat(widget.find("#fk-floor-1 .fk-oppose").getText()).isEqualTo("反对 0");

        // her own floor: the server refuses, the optimistic count goes back and the reason shows at the floor
        widget.find("#fk-floor-2 .fk-support").click();
        widget.find("#fk-floor-2 .fk-error");
        assertThat(widget.find("#fk-floor-2 .fk-support").getText()).isEqualTo("支持 0");
        assertThat(widget.find("#fk-floor-2 .fk-support").getAttribute("aria-pressed")).isEqualTo("false");

        widget.find("#fk-floor-1 .fk-report").click();
        new Select(widget.find("#fk-floor-1 .fk-report-form select")).selectByValue("ABUSE");
        widget.find("#fk-floor-1 .fk-report-form input").sendKeys("人身攻击");
        widget.find("#fk-floor-1 .fk-report-form button").click();
        widget.waitFor(".fk-status", "已举报");
        Board board = app.forum().boards().bySlug(ForumFixtures.MOD, "comments").orElseThrow();
        assertThat(app.forum().reports().queue(ForumFixtures.MOD, board.id(), PageRequest.first(20)).items())
                .singleElement().satisfies(q -> {
                    assertThat(q.report().reason()).isEqualTo(ReportReason.ABUSE);
                    assertThat(q.report().reporter().id().value()).isEqualTo("alice");
                });
    }

    @Test
    @Order(4)
    @DisplayName("load more by floor range, newest first, 只看该作者 and back")
    void loadMoreSortAndFilter() {
        Topic thread = thread();
        for (int i = 3; i <= 27; i++) {
            app.forum().posts().reply(ForumFixtures.BOB, Reply.to(thread.id(), "评论 " + i));
        }
        open(ARTICLE);
        widget.find("#fk-floor-20");
        assertThat(widget.all(".fk-post")).hasSize(20);
        widget.find(".fk-more").click();
        assertThat(widget.find("#fk-floor-27 .fk-body").getText()).isEqualTo("评论 27");
        assertThat(widget.all(".fk-post")).hasSize(27);
        widget.waitGone(".fk-more:not([hidden])");

        new Select(widget.find(".fk-sort")).selectByValue("NEWEST");
        widget.waitGone("#fk-floor-1");
        assertThat(widget.all(".fk-post").get(0).getAttribute("data-floor")).isEqualTo("27");
        widget.find(".fk-more").click();
        widget.find("#fk-floor-1");
        List<WebElement> posts = widget.all(".fk-post");
        assertThat(posts.get(posts.size() - 1).getAttribute("data-floor")).isEqualTo("1");

        widget.find("#fk-floor-1 .fk-only").click();
        widget.waitFor(".fk-filter", "只看 Carol 的评论");
        widget.waitGone("#fk-floor-2");
        assertThat(widget.all(".fk-post")).extracting(p -> p.getAttribute("data-floor")).containsExactly("1");
        widget.find(".fk-show-all").click();
        widget.find("#fk-floor-27");
        assertThat(widget.all(".fk-post")).hasSize(20);
    }

    @Test
    @Order(5)
    @DisplayName("light and dark themes and both languages: axe-core finds nothing serious; no sideways scroll at 320 px; screenshots")
    void themesLanguagesAccessibility() throws Exception {
        open(ARTICLE);
        widget.ready();
        assertThat(widget.seriousViolations()).isEmpty();
        widget.screenshot("widget-light", 1280);
        widget.screenshot("widget-light", 390);
        widget.find(".fk-theme").click();
        assertThat(widget.js("return getComputedStyle(arguments[0].shadowRoot.querySelector('.fk')).backgroundColor",
                widget.host())).isEqualTo("rgb(13, 17, 23)");
        assertThat(widget.seriousViolations()).isEmpty();
        widget.screenshot("widget-dark", 1280);
        widget.screenshot("widget-dark", 390);
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(320, 1000));
        assertThat(widget.overflowsWindow()).isFalse();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1200, 1600));

        widget.js("arguments[0].forumkit.update({locale: 'en', theme: 'light'})", widget.host());
        widget.waitFor(".fk-count", "27 comments");
        assertThat(widget.find(".fk-submit").getText()).isEqualTo("Post comment");
        assertThat(widget.find("#fk-floor-1 .fk-support").getText()).startsWith("Support");
        assertThat(widget.js("return getComputedStyle(arguments[0].shadowRoot.querySelector('.fk')).backgroundColor",
                widget.host())).isEqualTo("rgb(255, 255, 255)");
        widget.find(".fk-submit").click();
        widget.waitFor(".fk-form .fk-error", "The comment is empty.");
        assertThat(widget.seriousViolations()).isEmpty();

        // the host page's styles do not reach in: a page rule on every button leaves the widget's alone
        widget.js("var s = document.createElement('style'); s.textContent = 'button { color: rgb(255, 0, 0) !important; }';"
                + "document.head.appendChild(s);");
        assertThat(widget.js("return getComputedStyle(arguments[0].shadowRoot.querySelector('.fk-reply')).color",
                widget.host())).isNotEqualTo("rgb(255, 0, 0)");
    }

    @Test
    @Order(6)
    @DisplayName("最多支持: most supported first, ties by floor, load more by the API's cursor without repeating a floor")
    void mostSupported() {
        Topic thread = thread();
        List<org.forumkit.model.Post> posts = app.forum().topics().page(ForumFixtures.ADMIN, thread.id(),
                org.forumkit.model.TopicPageRequest.first(30)).posts();
        java.util.Map<Integer, Integer> supports = java.util.Map.of(10, 3, 5, 2, 20, 2, 27, 1);
        supports.forEach((floor, n) -> {
            for (int i = 0; i < n; i++) {
                app.forum().votes().cast(org.forumkit.model.Viewer.user("reader" + i, "读者" + i),
                        posts.get(floor - 1).id(), org.forumkit.model.VoteKind.SUPPORT);
            }
        });
        open(ARTICLE);
        widget.ready();
        new Select(widget.find(".fk-sort")).selectByValue("MOST_SUPPORTED");
        widget.waitFor(".fk-post", "支持 3");
        assertThat(widget.all(".fk-post")).extracting(p -> p.getAttribute("data-floor")).hasSize(20)
                .startsWith("10", "5", "20", "27", "1", "2", "3", "4", "6");
        assertThat(widget.find("#fk-floor-10 .fk-support").getText()).isEqualTo("支持 3");
        widget.find(".fk-more").click();
        widget.find("#fk-floor-26");
        List<String> floors = widget.all(".fk-post").stream().map(p -> p.getAttribute("data-floor")).toList();
        assertThat(floors).hasSize(27).doesNotHaveDuplicates().endsWith("24", "25", "26");
        widget.waitGone(".fk-more:not([hidden])");
    }

    /** Records, in the page, every comment the widget adds to its list while sending (its optimistic copy). */
    private void watchPending() {
        widget.js("var list = arguments[0].shadowRoot.querySelector('.fk-list'); window.fkPending = [];"
                + "new MutationObserver(function (changes) { changes.forEach(function (c) {"
                + "  Array.prototype.forEach.call(c.addedNodes, function (n) {"
                + "    if (n.classList && n.classList.contains('fk-pending')) { window.fkPending.push(n.textContent); } });"
                + "}); }).observe(list, {childList: true});", widget.host());
    }

    @Test
    @Order(7)
    @DisplayName("posting is optimistic: shown at once, rolled back with the reason when the API refuses, replaced by the server's post")
    void optimisticPostingRollsBack() {
        signInAs("alice");
        Topic thread = thread();
        long before = thread.replies();
        watchPending();
        app.forum().topics().lock(ForumFixtures.MOD, thread.id(), true); // after the page said she may comment
        try {
            widget.find(".fk-input").sendKeys("被拒绝的评论 <b>不是粗体</b>");
            widget.find(".fk-submit").click();
            widget.waitFor(".fk-form .fk-error", "评论已关闭。");
            assertThat(widget.js("return window.fkPending", widget.host()).toString()).contains("被拒绝的评论 <b>不是粗体</b>");
            assertThat(widget.all(".fk-pending")).isEmpty();
            assertThat(widget.find(".fk-input").getAttribute("value")).isEqualTo("被拒绝的评论 <b>不是粗体</b>");
            assertThat(widget.find(".fk-status").getText()).isEqualTo("评论未能发表，内容已放回输入框。");
            assertThat(widget.find(".fk-count").getText()).isEqualTo((before + 1) + " 条评论");
            assertThat(widget.all("#fk-floor-28")).isEmpty();
        } finally {
            app.forum().topics().lock(ForumFixtures.MOD, thread.id(), false);
        }
        assertThat(thread().replies()).isEqualTo(before);

        widget.js("window.fkPending = [];");
        widget.find(".fk-submit").click();
        widget.find("#fk-floor-28");
        assertThat(widget.js("return window.fkPending.length")).isEqualTo(1L);
        assertThat(widget.all(".fk-pending")).isEmpty();
        assertThat(widget.find("#fk-floor-28 .fk-body").getText()).isEqualTo("被拒绝的评论 <b>不是粗体</b>");
        assertThat(widget.all("#fk-floor-28 .fk-body b")).isEmpty();
        assertThat(widget.find("#fk-floor-28 .fk-author").getText()).isEqualTo("Alice");
        assertThat(widget.find(".fk-count").getText()).isEqualTo((before + 2) + " 条评论");
        assertThat(widget.find(".fk-input").getAttribute("value")).isEmpty();
        assertThat(widget.all(".fk-form .fk-error").get(0).isDisplayed()).isFalse();
        assertThat(thread().replies()).isEqualTo(before + 1);
    }

    /** The focused element inside the widget as "class|floor" ("" when the focus is outside it). */
    private String focused() {
        return (String) widget.js("var a = document.activeElement;"
                + "if (a !== arguments[0] || !a.shadowRoot.activeElement) { return ''; }"
                + "a = a.shadowRoot.activeElement; var post = a.closest('[data-floor]');"
                + "return (a.className || a.tagName.toLowerCase() + (a.name ? '.' + a.name : '')) + '|'"
                + "  + (post ? post.getAttribute('data-floor') : '');", widget.host());
    }

    private String press(CharSequence key) {
        new org.openqa.selenium.interactions.Actions(browser).sendKeys(key).perform();
        return focused();
    }

    /** Tabs on until the focus is on {@code wanted} (a focused() value), at most {@code limit} times. */
    private void tabTo(String wanted, int limit) {
        for (int i = 0; i < limit && !focused().equals(wanted); i++) {
            press(org.openqa.selenium.Keys.TAB);
        }
        assertThat(focused()).isEqualTo(wanted);
    }

    @Test
    @Order(8)
    @DisplayName("keyboard only: Tab reaches sort, theme, every floor's vote/reply/report, load more and the editor in"
            + " order with a visible focus; Enter and Space act; the focus goes back to the editor after posting")
    void keyboardOnly() {
        signInAs("alice");
        new Select(widget.find(".fk-sort")).selectByValue("OLDEST");
        widget.find("#fk-floor-20");
        widget.js("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
        List<String> order = new java.util.ArrayList<>();
        for (int i = 0; i < 250 && !order.contains("fk-submit|"); i++) {
            String now = press(org.openqa.selenium.Keys.TAB);
            if (!now.isEmpty()) {
                order.add(now);
                boolean visible = (Boolean) widget.js("var a = arguments[0].shadowRoot.activeElement;"
                        + "return a.matches(':focus-visible') && getComputedStyle(a).outlineStyle === 'solid'"
                        + "  && parseFloat(getComputedStyle(a).outlineWidth) >= 2;", widget.host());
                assertThat(visible).as("focus ring on " + now).isTrue();
            }
        }
        assertThat(order).startsWith("fk-sort|", "fk-theme|", "fk-support|1", "fk-oppose|1", "fk-reply|1",
                "fk-report|1", "fk-only|1", "fk-support|2");
        assertThat(order).containsSubsequence("fk-support|20", "fk-oppose|20", "fk-reply|20", "fk-report|20",
                "fk-only|20", "fk-more|", "fk-input|", "select.format|", "fk-preview-button|", "fk-submit|");
        assertThat(order).doesNotHaveDuplicates();

        // Space on 支持 votes and Space again retracts; Enter on 举报 opens the form with the focus in it
        widget.js("arguments[0].shadowRoot.querySelector('#fk-floor-3 .fk-support').focus();", widget.host());
        press(org.openqa.selenium.Keys.SPACE);
        widget.waitFor("#fk-floor-3 .fk-support", "支持 1");
        widget.waitGone("#fk-floor-3[aria-busy]");
        assertThat(press(org.openqa.selenium.Keys.SPACE)).isEqualTo("fk-support|3");
        widget.waitFor("#fk-floor-3 .fk-support", "支持 0");
        widget.waitGone("#fk-floor-3[aria-busy]");
        tabTo("fk-report|3", 3);
        press(org.openqa.selenium.Keys.ENTER);
        assertThat(focused()).isEqualTo("select.reason|3");
        press(org.openqa.selenium.Keys.TAB);
        press("广告链接");
        press(org.openqa.selenium.Keys.TAB);
        press(org.openqa.selenium.Keys.ENTER);
        widget.waitFor(".fk-status", "已举报");

        // Enter on 回复 quotes the floor and puts the focus in the editor; typing and Enter on the submit button post
        widget.js("arguments[0].shadowRoot.querySelector('#fk-floor-4 .fk-reply').focus();", widget.host());
        press(org.openqa.selenium.Keys.ENTER);
        assertThat(widget.find(".fk-quoting").getText()).contains("引用 4# 楼");
        assertThat(focused()).isEqualTo("fk-input|");
        press("键盘发的评论");
        tabTo("fk-submit|", 4);
        int floors = thread().highestFloor();
        press(org.openqa.selenium.Keys.ENTER);
        widget.find("#fk-floor-" + (floors + 1));
        assertThat(widget.find("#fk-floor-" + (floors + 1) + " .fk-excerpt").getText()).contains("评论 4");
        assertThat(focused()).isEqualTo("fk-input|");

        // the sort from the keyboard: the arrow keys on the focused select change the order
        widget.js("arguments[0].shadowRoot.querySelector('.fk-sort').focus();", widget.host());
        press(org.openqa.selenium.Keys.ARROW_DOWN);
        widget.waitGone("#fk-floor-1");
        assertThat(widget.all(".fk-post").get(0).getAttribute("data-floor")).isEqualTo(String.valueOf(floors + 1));
        // load more from the keyboard
        widget.js("arguments[0].shadowRoot.querySelector('.fk-more').focus();", widget.host());
        press(org.openqa.selenium.Keys.ENTER);
        widget.find("#fk-floor-1");
    }
}
