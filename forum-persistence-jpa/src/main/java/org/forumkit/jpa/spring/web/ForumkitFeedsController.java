package org.forumkit.jpa.spring.web;

import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.forumkit.FeedLinks;
import org.forumkit.Forum;
import org.forumkit.NotFoundException;
import org.forumkit.model.Board;
import org.forumkit.model.Post;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.Viewer;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Atom feeds ({@code application/atom+xml}) of a board's newest topics at {@code /b/{slug}.atom} and of a topic's
 * newest posts at {@code /t/{id}.atom}, with only what an anonymous visitor may see: a board or topic hidden from
 * visitors is a 404, as a missing one.
 */
@Controller
final class ForumkitFeedsController {
    static final MediaType ATOM = new MediaType("application", "atom+xml", StandardCharsets.UTF_8);

    private final Forum forum;
    private final FeedLinks links;
    private final int entries;

    ForumkitFeedsController(Forum forum, FeedLinks links, int entries) {
        if (entries < 1 || entries > org.forumkit.Feeds.MAX_ENTRIES) {
            throw new IllegalArgumentException("forumkit.feeds.entries must be 1 to "
                    + org.forumkit.Feeds.MAX_ENTRIES + ", not " + entries);
        }
        this.forum = forum;
        this.links = links;
        this.entries = entries;
    }

    @GetMapping("/b/{slug:[a-z0-9-]+}.atom")
    ResponseEntity<byte[]> board(@PathVariable String slug) {
        Board board = forum.boards().bySlug(Viewer.anonymous(), slug)
                .orElseThrow(() -> new NotFoundException(NotFoundException.Kind.BOARD, slug));
        StringWriter out = new StringWriter();
        forum.feeds().board(board.id(), links, entries, out);
        return atom(out);
    }

    @GetMapping("/t/{id:[0-9]{1,18}}.atom")
    ResponseEntity<byte[]> topic(@PathVariable long id) {
        StringWriter out = new StringWriter();
        forum.feeds().topic(TopicId.of(id), links, entries, out);
        return atom(out);
    }

    @org.springframework.web.bind.annotation.ExceptionHandler(NotFoundException.class)
    ResponseEntity<byte[]> notFound(NotFoundException e) {
        return ResponseEntity.status(404).contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .body("no such feed\n".getBytes(StandardCharsets.UTF_8));
    }

    private static ResponseEntity<byte[]> atom(StringWriter out) {
        return ResponseEntity.ok().contentType(ATOM).cacheControl(CacheControl.noCache())
                .body(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Links from {@code forumkit.feeds.site-url} and the page templates of {@link ForumkitFeedsProperties}. */
    static FeedLinks links(ForumkitFeedsProperties properties) {
        URI site = properties.getSiteUrl();
        if (site == null || !site.isAbsolute() || site.getHost() == null) {
            throw new IllegalArgumentException("forumkit.feeds.site-url must be an absolute http(s) address, not "
                    + site);
        }
        String base = site.toString().replaceAll("/+$", "");
        return new FeedLinks() {
            @Override
            public URI board(Board board) {
                return URI.create(base + properties.getBoardPage().replace("{slug}", board.slug()));
            }

            @Override
            public URI topic(Topic topic) {
                return URI.create(base + properties.getTopicPage().replace("{id}", topic.id().toString()));
            }

            @Override
            public URI post(Topic topic, Post post) {
                return URI.create(base + properties.getPostPage().replace("{id}", topic.id().toString())
                        .replace("{floor}", Integer.toString(post.floor())));
            }

            @Override
            public URI boardFeed(Board board) {
                return URI.create(base + "/b/" + board.slug() + ".atom");
            }

            @Override
            public URI topicFeed(Topic topic) {
                return URI.create(base + "/t/" + topic.id() + ".atom");
            }
        };
    }
}
