package org.forumkit.examples.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.SearchCursor;
import org.forumkit.model.SearchHit;
import org.forumkit.model.SearchOrder;
import org.forumkit.model.SearchQuery;

/** The search results page: the query box, and each hit's highlighted title and excerpt linking to its floor. */
final class SearchPage {
    private final WebApp app;

    SearchPage(WebApp app) {
        this.app = app;
    }

    Map<String, Object> scope(Exchange ex) {
        Map<String, Object> scope = app.base(ex, app.templates.text(ex.locale, "search.title"));
        String q = ex.query("q").orElse("");
        boolean titles = ex.query("titles").map("true"::equals).orElse(false);
        boolean newest = ex.query("order").map("NEWEST"::equals).orElse(false);
        scope.put("q", q);
        scope.put("titles", titles);
        scope.put("newest", newest);
        if (q.isBlank()) {
            return scope;
        }
        SearchQuery query = SearchQuery.of(q).withTitlesOnly(titles)
                .withOrder(newest ? SearchOrder.NEWEST : SearchOrder.RELEVANCE);
        PageRequest<SearchCursor> request = ex.query("cursor").filter(c -> !c.isBlank())
                .map(c -> PageRequest.after(SearchCursor.parse(c), WebApp.PAGE_SIZE))
                .orElse(PageRequest.first(WebApp.PAGE_SIZE));
        Page<SearchHit, SearchCursor> results = app.forum.search().find(ex.session.viewer(), query, request);
        List<Map<String, Object>> hits = new ArrayList<>();
        for (SearchHit hit : results.items()) {
            hits.add(Map.of(
                    // titleHtml and excerptHtml are escaped text with <mark> only: the template puts them in raw
                    "titleHtml", hit.titleHtml(),
                    "excerptHtml", hit.excerptHtml(),
                    "link", "/topics/" + hit.topicId().value() + "/floors/" + hit.floor(),
                    "floorLabel", hit.floor() == 1 ? app.templates.text(ex.locale, "topic.opening")
                            : app.templates.text(ex.locale, "topic.floor", String.valueOf(hit.floor())),
                    "author", hit.author().displayName(),
                    "time", app.time(ex, hit.createdAt())));
        }
        scope.put("searched", true);
        scope.put("hits", hits);
        scope.put("none", hits.isEmpty() && results.optionalNext().isEmpty());
        results.optionalNext().ifPresent(next -> scope.put("next", "/search?q=" + encode(q) + "&titles=" + titles
                + (newest ? "&order=NEWEST" : "") + "&cursor=" + encode(next.token())));
        return scope;
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}
