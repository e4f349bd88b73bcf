package org.forumkit.jpa.spring.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.forumkit.Forum;
import org.forumkit.model.MostSupportedPage;
import org.forumkit.model.MostSupportedRequest;
import org.forumkit.model.Post;
import org.forumkit.model.SupportCursor;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.TopicPage;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;

/**
 * A topic's page as the API shows it, for {@code /topics/{id}} and {@code /comments}: a floor range, oldest first or
 * newest first ({@code order=NEWEST}: the floors up to {@code fromFloor}, by default the highest, in descending
 * order, {@code nextFromFloor} the next lower floor), or most supported first ({@code order=MOST_SUPPORTED}: support
 * descending, then floor, deleted posts left out, paged by the cursor {@code after}, the next one in
 * {@code nextAfter}), the authors' avatars when the host gives them, and the topic's views counted when its start is
 * read.
 */
final class TopicPages {
    /** The orders of a topic's floors; the API's {@code order} parameter. */
    enum Order {
        OLDEST, NEWEST, MOST_SUPPORTED
    }

    /** A page as read, with the cursor of the next one in the most-supported order ({@code null} otherwise). */
    record Shown(TopicPage page, String nextAfter) {
    }

    private final Forum forum;
    private final ApiJson json;
    private final Optional<AuthorAvatars> avatars;
    private final int pageSize;

    TopicPages(Forum forum, ApiJson json, Optional<AuthorAvatars> avatars, int pageSize) {
        this.forum = forum;
        this.json = json;
        this.avatars = avatars;
        this.pageSize = pageSize;
    }

    static Order order(String text) {
        if (text == null || text.isBlank()) {
            return Order.OLDEST;
        }
        try {
            return Order.valueOf(text.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(ApiMessage.ONE_OF, "order", "OLDEST, NEWEST, MOST_SUPPORTED");
        }
    }

    /**
     * The page; {@code known} is the topic when the caller has it already (it saves a read for NEWEST). The
     * most-supported order's cursor is the request's parameter {@code after} (a token from {@code nextAfter}).
     */
    Shown page(Viewer viewer, TopicId id, Optional<Topic> known, String fromFloor, String size, String author,
            Order order, HttpServletRequest request) {
        int n = size == null ? pageSize : ForumkitApiController.number(size);
        UserId onlyBy = author == null || author.isBlank() ? null : UserId.of(author);
        TopicPage page;
        boolean start;
        String nextAfter = null;
        String after = request.getParameter("after");
        if (after != null && order != Order.MOST_SUPPORTED) {
            throw ApiProblem.badRequest(ApiMessage.ONE_OF, "order", "MOST_SUPPORTED (with after)");
        }
        if (order == Order.MOST_SUPPORTED) {
            if (fromFloor != null) {
                throw ApiProblem.badRequest(ApiMessage.ONE_OF, "order", "OLDEST, NEWEST (with fromFloor)");
            }
            MostSupportedRequest ranked;
            try {
                ranked = after == null || after.isBlank() ? MostSupportedRequest.first(n)
                        : MostSupportedRequest.after(SupportCursor.parse(after.strip()), n);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest(ApiMessage.PARAMETER, "after", e.getMessage());
            }
            MostSupportedPage found = forum.topics().mostSupported(viewer, id,
                    onlyBy == null ? ranked : ranked.onlyBy(onlyBy));
            page = found.page();
            nextAfter = found.optionalNext().map(SupportCursor::token).orElse(null);
            start = ranked.after() == null;
        } else if (order == Order.NEWEST) {
            if (onlyBy != null) {
                throw ApiProblem.badRequest(ApiMessage.ONE_OF, "order", "OLDEST (with author)");
            }
            int highest = known.orElseGet(() -> forum.topics().get(viewer, id)).highestFloor();
            int top = fromFloor == null ? highest : Math.min(ForumkitApiController.number(fromFloor), highest);
            int low = Math.max(1, top - n + 1);
            TopicPage range = forum.topics().page(viewer, id, new TopicPageRequest(low, top - low + 1, null));
            // hidden floors are skipped by the store, which then reads on past the top: keep the range only
            List<Post> posts = range.posts().stream().filter(p -> p.floor() <= top)
                    .sorted(Comparator.comparingInt(Post::floor).reversed()).toList();
            page = new TopicPage(range.topic(), range.board(), posts, range.myVotes(), range.quoteSources(),
                    range.permissions(), new TopicPageRequest(top, n, null), low > 1 ? low - 1 : null);
            start = fromFloor == null;
        } else {
            int from = fromFloor == null ? 1 : ForumkitApiController.number(fromFloor);
            page = forum.topics().page(viewer, id, new TopicPageRequest(from, n, onlyBy));
            start = from == 1;
        }
        if (start) {
            forum.views().record(viewer, id, visitorKey(request));
        }
        return new Shown(page, nextAfter);
    }

    /**
     * Who an anonymous view is counted for, once per {@code forumkit.view-window}: the visitor's session if there is
     * one, else the client's address (its /64 for IPv6), so that cookieless requests do not each count a view.
     */
    static String visitorKey(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null ? session.getId() : "address:" + ApiRateLimiter.key(request.getRemoteAddr());
    }

    /**
     * A topic page as the API has always shown it (the next page's first floor is {@code nextFromFloor}, by
     * {@link ApiJson}'s mix-in) with its {@code order}; written in one pass unless the host gives avatars, which are
     * added to a copy of it as a tree.
     */
    Object json(Shown shown, Order order) {
        TopicPage page = shown.page();
        if (avatars.isEmpty()) {
            return new OrderedPage(page, order.name(), shown.nextAfter());
        }
        ObjectNode node = json.mapper().valueToTree(page);
        node.put("order", order.name());
        if (shown.nextAfter() != null) {
            node.put("nextAfter", shown.nextAfter());
        }
        if (node.get("posts") instanceof ArrayNode posts) {
            Map<String, Optional<String>> seen = new HashMap<>();
            for (JsonNode post : posts) {
                if (post.get("author") instanceof ObjectNode author && author.hasNonNull("id")) {
                    String user = author.get("id").asText();
                    seen.computeIfAbsent(user, u -> avatars.get().avatarUrl(UserId.of(u))
                            .filter(AuthorAvatars::acceptable)).ifPresent(url -> author.put("avatarUrl", url));
                }
            }
        }
        return node;
    }

    /** The page's own fields, then {@code order}, then {@code nextAfter} in the most-supported order. */
    record OrderedPage(@JsonUnwrapped TopicPage page, String order,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            String nextAfter) {
    }
}
