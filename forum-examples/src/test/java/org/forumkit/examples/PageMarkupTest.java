package org.forumkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.forumkit.model.ReportPost;
import org.forumkit.model.ReportReason;
import org.forumkit.model.TopicId;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.tck.ForumFixtures;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pages' HTML as the server writes it (no script): what a new user found wrong, each checked in the markup. */
@Tag("h2")
@DisplayName("The demo pages' markup: floors, the report queue, times, labels")
class PageMarkupTest {
    static final Pattern DATE = Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2} \\d{2}:\\d{2}");
    @TempDir
    static Path data;
    static DemoApp app;

    @BeforeAll
    static void start() throws Exception {
        app = DemoApp.start(new DemoConfig(0, null, null, null, data));
        var post = app.forum().topics().page(ForumFixtures.ADMIN, TopicId.of(1), TopicPageRequest.first(2)).posts()
                .get(1);
        app.forum().reports().report(ForumFixtures.ALICE, ReportPost.of(post.id(), ReportReason.SPAM, "广告链接"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static Document page(DemoClient client, String path) throws Exception {
        DemoClient.Reply reply = client.get(path);
        assertThat(reply.status()).as(path).isEqualTo(200);
        return Jsoup.parse(reply.text());
    }

    @Test
    @DisplayName("floor 1 says 楼主 once: as its floor label, not also as its author's name")
    void openingFloorSaysLouzhuOnce() throws Exception {
        Element first = page(new DemoClient(app.url()), "/topics/1").getElementById("floor-1");
        assertThat(first.selectFirst(".floor").text()).isEqualTo("楼主");
        assertThat(first.selectFirst(".author").text()).doesNotContain("楼主");
        Element frame = first.clone();
        frame.select(".body, blockquote").remove();
        assertThat(frame.text().split("楼主", -1)).as(frame.text()).hasSize(2);
    }

    @Test
    @DisplayName("the report queue shows the reported post's author and, apart, who reported it, when and why")
    void reportQueueAuthorAndReporter() throws Exception {
        DemoClient mod = new DemoClient(app.url());
        mod.form("/login", "user", "mod", "next", "/");
        Document queue = page(mod, "/boards/news-media/reports");
        assertThat(queue.select("thead th").eachText()).containsExactly("帖子", "作者", "举报人", "理由");
        Element row = queue.selectFirst("tbody.report tr.report-row");
        assertThat(row.selectFirst(".post-author").ownText()).isEqualTo("网友2");
        assertThat(row.selectFirst(".reporter").ownText()).isEqualTo("Alice");
        assertThat(row.selectFirst(".reporter time").attr("datetime")).isNotBlank();
        assertThat(row.selectFirst(".reason").text()).contains("广告").contains("广告链接");
        assertThat(row.selectFirst(".reported a").text()).isEqualTo("强化高水平崛起的民政服务保障 · 2#");
        assertThat(row.selectFirst(".reported .excerpt").text()).isEqualTo("希望该培训真的能系统落实~");
    }

    @Test
    @DisplayName("every time on a page is a <time datetime> in one pattern (yyyy-M-d HH:mm), quotes included")
    void oneTimePattern() throws Exception {
        DemoClient client = new DemoClient(app.url());
        for (String path : List.of("/", "/boards/news-media", "/topics/1", "/search?q=%E5%9F%B9%E8%AE%AD")) {
            Document page = page(client, path);
            assertThat(page.select("time")).as("times on %s", path).isNotEmpty()
                    .allSatisfy(t -> assertThat(t.text()).matches(DATE).as(t.outerHtml()))
                    .allSatisfy(t -> assertThat(t.attr("datetime")).endsWith("Z"));
            page.select("time, .body, .excerpt, .fk-quote-body").remove();
            NodeTraversor.traverse((NodeVisitor) (node, depth) -> {
                if (node instanceof TextNode text) {
                    assertThat(DATE.matcher(text.text()).find()).as("a time outside <time> on %s: %s", path, text)
                            .isFalse();
                }
            }, page.body());
        }
        // the quote of floor 1 in floor 2 shows floor 1's time exactly as floor 1 does, in GMT+8 without a cookie
        Document topic = page(client, "/topics/1");
        assertThat(topic.selectFirst("#floor-2 .fk-quote time").text())
                .isEqualTo(topic.selectFirst("#floor-1 .meta time").text()).isEqualTo("2012-8-7 09:21");
    }

    @Test
    @DisplayName("every form field of the member's topic and board pages has a label, and the page a language")
    void labelledFields() throws Exception {
        DemoClient alice = new DemoClient(app.url());
        alice.form("/login", "user", "alice", "next", "/");
        for (String path : List.of("/topics/1?quote=1", "/boards/news-media")) {
            Document page = page(alice, path);
            assertThat(page.selectFirst("html").attr("lang")).isEqualTo("zh-CN");
            assertThat(page.select("textarea, select, input:not([type=hidden])")).isNotEmpty().allSatisfy(field -> {
                boolean labelled = !field.attr("aria-label").isBlank() || field.closest("label") != null
                        || !field.id().isEmpty() && page.selectFirst("label[for=" + field.id() + "]") != null;
                assertThat(labelled).as("label of %s on %s", field.outerHtml(), path).isTrue();
            });
        }
    }

    @Test
    @DisplayName("in English the same pages say it in English, and both languages have every text")
    void english() throws Exception {
        java.util.Properties en = new java.util.Properties();
        java.util.Properties zh = new java.util.Properties();
        try (var a = getClass().getResourceAsStream("/org/forumkit/examples/ui.properties");
                var b = getClass().getResourceAsStream("/org/forumkit/examples/ui_zh_CN.properties")) {
            en.load(new java.io.InputStreamReader(a, java.nio.charset.StandardCharsets.UTF_8));
            zh.load(new java.io.InputStreamReader(b, java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(en.stringPropertyNames()).isEqualTo(zh.stringPropertyNames());
        DemoClient mod = new DemoClient(app.url());
        mod.get("/lang?to=en&next=/");
        mod.form("/login", "user", "mod", "next", "/");
        Document topic = page(mod, "/topics/1");
        assertThat(topic.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(topic.selectFirst("label[for=reply-body]").text()).isEqualTo("Your reply");
        assertThat(topic.selectFirst("#floor-1 .floor").text()).isEqualTo(en.getProperty("topic.opening"));
        assertThat(page(mod, "/boards/news-media/reports").select("thead th").eachText())
                .containsExactly("Post", "Author", "Reported by", "Reason");
    }
}
