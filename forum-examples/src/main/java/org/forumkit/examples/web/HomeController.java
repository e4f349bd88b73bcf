package org.forumkit.examples.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.forumkit.Forum;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.BoardKind;
import org.forumkit.model.Viewer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The board index, the language switch and the "existing site" article with the comments widget. */
@Controller
final class HomeController {
    /** The one article of the example site, with the Forumkit comments under it. */
    static final String ARTICLE = "civil-affairs";
    static final String ARTICLE_TITLE = "强化高水平崛起的民政服务保障";

    private final Forum forum;
    private final Pages pages;

    HomeController(Forum forum, Pages pages) {
        this.forum = forum;
        this.pages = pages;
    }

    public record IndexPage(List<Category> categories) {
    }

    public record Category(String name, List<BoardRow> boards) {
    }

    public record BoardRow(String slug, String name, String description, long topicCount, long postCount, boolean sub,
            LastPost lastPost) {
    }

    public record LastPost(String link, String author, Stamp time) {
    }

    public record ArticlePage(String articleTitle, String articleLead, String key) {
    }

    @GetMapping("/")
    ModelAndView index(Viewer viewer, HttpServletRequest request) {
        List<Board> boards = forum.boards().list(viewer);
        Map<BoardId, Board> byId = new HashMap<>();
        boards.forEach(b -> byId.put(b.id(), b));
        List<Category> categories = new ArrayList<>();
        String category = null;
        List<BoardRow> rows = null;
        for (Board board : boards) {
            if (board.kind() == BoardKind.CATEGORY || rows == null) {
                if (rows != null) {
                    categories.add(new Category(category, rows));
                }
                category = board.kind() == BoardKind.CATEGORY ? board.name() : "";
                rows = new ArrayList<>();
                if (board.kind() == BoardKind.CATEGORY) {
                    continue;
                }
            }
            boolean sub = board.optionalParentId().map(byId::get).map(p -> p.kind() == BoardKind.BOARD).orElse(false);
            LastPost last = board.optionalLastPost().map(p -> new LastPost(Pages.permalink(p.topicId(), p.floor()),
                    p.author().displayName(), pages.stamp(request, p.at()))).orElse(null);
            rows.add(new BoardRow(board.slug(), board.name(), board.description(), board.topicCount(),
                    board.postCount(), sub, last));
        }
        if (rows != null) {
            categories.add(new Category(category, rows));
        }
        return pages.render(request, "index", pages.text(request, "nav.home"), new IndexPage(categories));
    }

    /** Sets the language cookie and goes back to {@code next}, a path of this site only. */
    @GetMapping("/lang")
    ResponseEntity<Void> language(@RequestParam(defaultValue = "zh-CN") String to,
            @RequestParam(required = false) String next) {
        ResponseCookie cookie = ResponseCookie.from("lang", to.equals("en") ? "en" : "zh-CN").path("/")
                .sameSite("Lax").maxAge(Duration.ofDays(30)).build();
        return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.SET_COOKIE, cookie.toString())
                .location(URI.create(LocalRedirects.target(next))).build();
    }

    @GetMapping("/articles/{slug:[a-z0-9-]+}")
    ModelAndView article(@PathVariable String slug, HttpServletRequest request) {
        if (!slug.equals(ARTICLE)) {
            throw new PageNotFoundException("article " + slug);
        }
        boolean english = pages.locale(request).equals(Locale.ENGLISH);
        ArticlePage article = new ArticlePage(
                english ? "Strengthening civil-affairs services" : ARTICLE_TITLE,
                english ? "An article of an existing site. The comments below are Forumkit, embedded with one element"
                        + " and one script tag."
                        : "这是一个“已有网站”的文章页。下面的评论区由 Forumkit 提供，只需一个元素和一个 script 标签即可嵌入。",
                "article-" + slug);
        return pages.render(request, "article", article.articleTitle(), article);
    }
}
