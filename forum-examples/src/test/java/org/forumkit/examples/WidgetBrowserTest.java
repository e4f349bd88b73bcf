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
}
