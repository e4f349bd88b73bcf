package org.forumkit.examples.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.forumkit.Forum;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.SearchCursor;
import org.forumkit.model.SearchHit;
import org.forumkit.model.SearchOrder;
import org.forumkit.model.SearchQuery;
import org.forumkit.model.Viewer;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The search results page: the query box, and each hit's highlighted title and excerpt linking to its floor. */
@Controller
final class SearchController {
    private final Forum forum;
    private final Pages pages;

    SearchController(Forum forum, Pages pages) {
        this.forum = forum;
        this.pages = pages;
    }

    /** {@code titleHtml} and {@code excerptHtml} are escaped text with {@code <mark>} only: the template puts them in raw. */
    public record SearchPage(String q, boolean titles, boolean newest, boolean searched, List<Hit> hits, boolean none,
            String next) {
    }

    public record Hit(String titleHtml, String excerptHtml, String link, String floorLabel, String author, Stamp time) {
    }

    @GetMapping("/search")
    ModelAndView search(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "false") String titles,
            @RequestParam(required = false) String order, @RequestParam(required = false) String cursor,
            Viewer viewer, HttpServletRequest request) {
        boolean titlesOnly = titles.equals("true");
        boolean newest = "NEWEST".equals(order);
        String title = pages.text(request, "search.title");
        if (q.isBlank()) {
            return pages.render(request, "search", title, new SearchPage(q, titlesOnly, newest, false, List.of(),
                    false, null));
        }
        SearchQuery query = SearchQuery.of(q).withTitlesOnly(titlesOnly)
                .withOrder(newest ? SearchOrder.NEWEST : SearchOrder.RELEVANCE);
        PageRequest<SearchCursor> pageRequest;
        try {
            pageRequest = cursor == null || cursor.isBlank() ? PageRequest.first(Pages.PAGE_SIZE)
                    : PageRequest.after(SearchCursor.parse(cursor), Pages.PAGE_SIZE);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("bad cursor");
        }
        Page<SearchHit, SearchCursor> results = forum.search().find(viewer, query, pageRequest);
        List<Hit> hits = results.items().stream().map(hit -> new Hit(hit.titleHtml(), hit.excerptHtml(),
                Pages.permalink(hit.topicId(), hit.floor()),
                hit.floor() == 1 ? pages.text(request, "topic.opening")
                        : pages.text(request, "topic.floor", String.valueOf(hit.floor())),
                hit.author().displayName(), pages.stamp(request, hit.createdAt()))).toList();
        String next = results.optionalNext().map(c -> "/search?q=" + encode(q) + "&titles=" + titlesOnly
                + (newest ? "&order=NEWEST" : "") + "&cursor=" + encode(c.token())).orElse(null);
        return pages.render(request, "search", title, new SearchPage(q, titlesOnly, newest, true, hits,
                hits.isEmpty() && next == null, next));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
