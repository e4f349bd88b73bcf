package org.forumkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

@Tag("browser")
@Tag("h2")
@DisplayName("The demo in a real browser (headless Chromium)")
class BrowserTest {
    @TempDir
    Path data;
    DemoApp app;
    ChromeDriver browser;
    WebDriverWait wait;

    /** A fresh site per test, so no test sees another's posts. */
    @BeforeEach
    void openBrowser() throws Exception {
        browser = Browsers.chromium();
        app = DemoApp.start(new DemoConfig(0, null, null, null, data));
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        open("/lang?to=zh-CN&next=/");
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    private void open(String path) {
        browser.get(app.url() + path.substring(1));
    }

    private WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private void signInAs(String user) {
        find("#sign-in").click();
        find("#login-" + user).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("me")));
    }

    @Test
    @DisplayName("the seed topic shows both floors, its counts and the quote; an anonymous reader gets the login message")
    void seedTopicAnonymously() {
        browser.executeCdpCommand("Emulation.setTimezoneOverride", java.util.Map.of("timezoneId", "Asia/Shanghai"));
        open("/topics/1");
        assertThat(find("#topic-title").getText()).isEqualTo("强化高水平崛起的民政服务保障");
        assertThat(find(".thread-head .type").getText()).isEqualTo("[新闻媒体]");
        assertThat(find("#views").getText()).isEqualTo("1351");
        assertThat(find("#replies").getText()).isEqualTo("1");
        List<WebElement> floors = browser.findElements(By.cssSelector("article.post"));
        assertThat(floors).hasSize(2);
        assertThat(floors.get(0).findElement(By.cssSelector(".body")).getText()).contains("四是加强社会工作专业人才队伍建设");
        assertThat(floors.get(0).findElement(By.cssSelector("time")).getText()).isEqualTo("2012-8-7 09:21");
        WebElement quote = floors.get(1).findElement(By.cssSelector("blockquote.fk-quote"));
        assertThat(quote.findElement(By.cssSelector(".fk-quote-body")).getText()).startsWith("四是加强社会工作专业人才队伍建设");
        assertThat(quote.findElement(By.cssSelector(".fk-quote-author")).getText()).isEqualTo("网友1");
        assertThat(quote.findElement(By.cssSelector("a.fk-quote-source")).getAttribute("href")).endsWith("/topics/1/floors/1");
        assertThat(floors.get(1).findElement(By.cssSelector(".body")).getText()).isEqualTo("希望该培训真的能系统落实~");
        assertThat(find(".login-required").getText()).contains("您需要登录后才可以回帖");
        assertThat(browser.findElements(By.cssSelector("form.reply-form"))).isEmpty();
        assertThat(find("#stats").getText()).contains("second(s)");

        browser.executeCdpCommand("Emulation.setTimezoneOverride", java.util.Map.of("timezoneId", "UTC"));
        open("/topics/1");
        assertThat(find("#floor-1 time").getText()).isEqualTo("2012-8-7 01:21");
    }

    @Test
    @DisplayName("a member signs in, replies quoting floor 1 and votes; the counts change")
    void replyAndVote() {
        open("/topics/1");
        signInAs("alice");
        WebElement first = find("#floor-1");
        first.findElement(By.cssSelector("a.reply")).click();
        assertThat(find(".reply-form .quoting").getText()).contains("1");
        find(".reply-form textarea").sendKeys("同意楼主，期待落实。");
        find(".reply-form button[type=submit]").click();

        WebElement mine = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#floor-3")));
        assertThat(mine.findElement(By.cssSelector(".body")).getText()).isEqualTo("同意楼主，期待落实。");
        assertThat(mine.findElement(By.cssSelector("blockquote.fk-quote .fk-quote-author")).getText()).isEqualTo("网友1");
        assertThat(find("#replies").getText()).isEqualTo("2");

        find("#floor-2 button.support").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#floor-2 button.support .count"), "1"));
        assertThat(find("#floor-2 button.support").getAttribute("class")).contains("mine");
        find("#floor-2 button.support").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#floor-2 button.support .count"), "0"));

        // 举报: report floor 2 for spam; the board's moderators see it in their queue
        find("#floor-2 details.report summary").click();
        new org.openqa.selenium.support.ui.Select(find("#floor-2 details.report select")).selectByValue("SPAM");
        find("#floor-2 details.report button").click();
        wait.until(ExpectedConditions.urlContains("#floor-2"));
        var board = app.forum().boards().bySlug(org.forumkit.tck.ForumFixtures.MOD, "news-media").orElseThrow();
        // the URL had #floor-2 already (the votes' redirects): wait for the report itself
        wait.until(driver -> !app.forum().reports().queue(org.forumkit.tck.ForumFixtures.MOD, board.id(),
                org.forumkit.model.PageRequest.first(20)).items().isEmpty());
        assertThat(app.forum().reports().queue(org.forumkit.tck.ForumFixtures.MOD, board.id(),
                org.forumkit.model.PageRequest.first(20)).items()).singleElement()
                .satisfies(q -> assertThat(q.report().reporter().id().value()).isEqualTo("alice"));
    }

    @Test
    @DisplayName("a member starts a topic with a type from the board page, and it lists first")
    void startTopic() {
        open("/boards/news-media");
        assertThat(find("#new-topic .login-required").getText()).contains("登录");
        signInAs("carol");
        new org.openqa.selenium.support.ui.Select(find(".topic-form select[name=type]")).selectByVisibleText("新闻媒体");
        find(".topic-form input[name=title]").sendKeys("新的讨论 😀");
        find(".topic-form textarea").sendKeys("第一楼的内容");
        find(".topic-form button[type=submit]").click();
        assertThat(find("#topic-title").getText()).isEqualTo("新的讨论 😀");
        assertThat(find(".thread-head .type").getText()).isEqualTo("[新闻媒体]");
        open("/boards/news-media");
        assertThat(browser.findElements(By.cssSelector("tr.topic-row a")).get(0).getText()).isEqualTo("新的讨论 😀");
    }

    @Test
    @DisplayName("the moderator locks the topic, deletes and restores a floor and clears the report queue")
    void moderatorTools() {
        var post = app.forum().topics().page(org.forumkit.tck.ForumFixtures.ADMIN, org.forumkit.model.TopicId.of(1),
                org.forumkit.model.TopicPageRequest.first(2)).posts().get(1);
        app.forum().reports().report(org.forumkit.tck.ForumFixtures.ALICE,
                org.forumkit.model.ReportPost.of(post.id(), org.forumkit.model.ReportReason.SPAM));
        open("/topics/1");
        assertThat(browser.findElements(By.id("mod-lock"))).isEmpty();
        signInAs("mod");

        find("#mod-lock").click();
        assertThat(find(".thread-head .notice").getText()).isEqualTo("本主题已关闭。");
        assertThat(app.forum().topics().get(org.forumkit.tck.ForumFixtures.ADMIN,
                org.forumkit.model.TopicId.of(1)).locked()).isTrue();

        find("#floor-2 button.delete").click();
        assertThat(find("#floor-2 .deleted").getText()).isEqualTo("该帖已被删除。");
        assertThat(find("#replies").getText()).isEqualTo("0");
        find("#floor-2 button.restore").click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("replies"), "1"));

        find("#mod-reports").click();
        assertThat(browser.findElements(By.cssSelector("tr.report-row"))).hasSize(1);
        find("tbody.report input[name=reason]").sendKeys("不是广告");
        find("tbody.report button[type=submit]").click();
        assertThat(find("#no-reports").getText()).isEqualTo("没有待处理的举报。");
    }

    @Test
    @DisplayName("a script payload in a post shows as text and runs nothing")
    void scriptPayloadIsInert() {
        open("/topics/1");
        signInAs("bob");
        String payload = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">";
        find(".reply-form textarea").sendKeys(payload);
        find(".reply-form button[type=submit]").click();
        wait.until(ExpectedConditions.urlContains("#floor-"));
        List<WebElement> bodies = browser.findElements(By.cssSelector("article.post .body"));
        assertThat(bodies.get(bodies.size() - 1).getText()).isEqualTo(payload);
        assertThat(((JavascriptExecutor) browser).executeScript("return window.pwned === undefined")).isEqualTo(true);
        assertThat(browser.findElements(By.cssSelector("article.post .body img"))).isEmpty();
    }
}
