package org.forumkit.examples.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.forumkit.Forum;
import org.forumkit.PermissionDeniedException;
import org.forumkit.model.Decision;
import org.forumkit.model.DenialReason;
import org.forumkit.model.Post;
import org.forumkit.model.PostState;
import org.forumkit.model.Quote;
import org.forumkit.model.Reply;
import org.forumkit.model.ReportReason;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.TopicPage;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.forumkit.model.VoteKind;
import org.forumkit.render.QuoteBlocks;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/** A topic's page of floors (as the seed page lays it out), a floor's permalink, and replying. */
@Controller
final class TopicController {
    private final Forum forum;
    private final Pages pages;
    private final InboxController inbox;
    private final DemoDirectory directory;

    TopicController(Forum forum, Pages pages, InboxController inbox, DemoDirectory directory) {
        this.forum = forum;
        this.pages = pages;
        this.inbox = inbox;
        this.directory = directory;
    }

    public record TopicPageView(TopicInfo topic, List<PostView> posts, boolean locked, Moderation moderation,
            boolean onlyAuthor, List<PageLink> pages, String authorParam, ReplyForm replyForm, String denied,
            boolean loginRequired, InboxController.WatchView watch) {
        /** More than one page: the page links show. */
        public boolean paged() {
            return !pages.isEmpty();
        }
    }

    public record TopicInfo(long id, String title, String type, long views, long replies) {
    }

    /** One floor; {@code initial} is the first character of the author's name, for the avatar. */
    public record PostView(long id, long topicId, int floor, String floorLabel, String permalink, String author,
            String initial, String authorId, Stamp at, String html, boolean deleted, long support, long oppose,
            boolean mySupport, boolean myOppose, String supportValue, String opposeValue, boolean canReply,
            boolean canReport, boolean canDelete, boolean canRestore, boolean pending, boolean reportLogin,
            List<Option> reasons, int pageFrom, Stamp edited, List<QuoteView> quotes) {
    }

    public record Option(String value, String label) {
    }

    public record QuoteView(String html) {
    }

    public record Moderation(String lock, String lockLabel, String pin, String pinLabel, String reports) {
    }

    public record PageLink(int number, int from, boolean current) {
    }

    public record ReplyForm(Integer quoteFloor, String quotingLabel) {
    }

    @GetMapping("/topics/{id:\\d{1,18}}")
    ModelAndView topic(@PathVariable long id, @RequestParam(defaultValue = "1") String from,
            @RequestParam(required = false) String author, @RequestParam(required = false) String quote,
            Viewer viewer, HttpServletRequest request) {
        Optional<UserId> onlyAuthor = Optional.ofNullable(author).filter(a -> !a.isBlank()).map(UserId::of);
        TopicPageRequest pageRequest = new TopicPageRequest(Pages.number(from), Pages.PAGE_SIZE,
                onlyAuthor.orElse(null));
        TopicPage page = forum.topics().page(viewer, TopicId.of(id), pageRequest);
        forum.views().record(viewer, page.topic().id(), visitorKey(request));
        Topic topic = page.topic();
        Locale locale = pages.locale(request);
        Texts texts = pages.texts();

        boolean canReply = page.permissions().reply().allowed();
        Decision report = page.permissions().report();
        boolean moderator = page.permissions().moderate();
        List<Option> reasons = new ArrayList<>();
        for (ReportReason reason : ReportReason.values()) {
            reasons.add(new Option(reason.name(), texts.text(locale, "report." + reason.name())));
        }
        List<PostView> posts = new ArrayList<>();
        for (Post post : page.posts()) {
            Optional<VoteKind> mine = page.myVote(post.id());
            boolean mySupport = mine.filter(VoteKind.SUPPORT::equals).isPresent();
            boolean myOppose = mine.filter(VoteKind.OPPOSE::equals).isPresent();
            boolean own = viewer.userId().map(post.author().id()::equals).orElse(false);
            List<QuoteView> quotes = new ArrayList<>();
            for (Quote q : post.quotes()) {
                quotes.add(new QuoteView(QuoteBlocks.render(q, page.statusOf(q),
                        s -> Pages.permalink(topic.id(), s.sourceFloor()), locale, pages.zone(request))));
            }
            posts.add(new PostView(post.id().value(), topic.id().value(), post.floor(),
                    post.floor() == 1 ? texts.text(locale, "topic.opening")
                            : texts.text(locale, "topic.floor", String.valueOf(post.floor())),
                    Pages.permalink(topic.id(), post.floor()), post.author().displayName(),
                    initial(post.author().displayName()),
                    URLEncoder.encode(post.author().id().value(), StandardCharsets.UTF_8),
                    pages.stamp(request, post.createdAt()), MentionLinks.link(post.html(), directory),
                    post.state() == PostState.DELETED, post.support(), post.oppose(), mySupport, myOppose,
                    mySupport ? "NONE" : "SUPPORT", myOppose ? "NONE" : "OPPOSE", canReply, report.allowed(),
                    post.state() != PostState.DELETED && (moderator || own),
                    post.state() == PostState.DELETED && moderator, post.state() == PostState.PENDING,
                    report.reason() == DenialReason.LOGIN_REQUIRED, reasons, Pages.pageStart(post.floor()),
                    post.optionalEditedAt().map(at -> pages.stamp(request, at)).orElse(null),
                    quotes));
        }
        Moderation moderation = moderator ? new Moderation(topic.locked() ? "unlock" : "lock",
                texts.text(locale, topic.locked() ? "mod.unlock" : "mod.lock"),
                topic.pinLevel() > 0 ? "unpin" : "pin",
                texts.text(locale, topic.pinLevel() > 0 ? "mod.unpin" : "mod.pin"),
                "/boards/" + page.board().slug() + "/reports") : null;
        ReplyForm replyForm = null;
        String denied = null;
        if (canReply) {
            Integer quoteFloor = Optional.ofNullable(quote).filter(q -> !q.isBlank()).map(Pages::number)
                    .filter(q -> q <= topic.highestFloor()).orElse(null);
            replyForm = new ReplyForm(quoteFloor, quoteFloor == null ? null
                    : texts.text(locale, "topic.quoting", String.valueOf(quoteFloor)));
        } else {
            denied = PermissionDeniedException.describe(page.permissions().reply().reason(), locale);
        }
        TopicPageView view = new TopicPageView(new TopicInfo(topic.id().value(), topic.title(), topic.type(),
                topic.views(), topic.replies()), posts, topic.locked(), moderation, onlyAuthor.isPresent(),
                pageLinks(topic, pageRequest),
                onlyAuthor.map(a -> "&author=" + URLEncoder.encode(a.value(), StandardCharsets.UTF_8)).orElse(""),
                replyForm, denied, !canReply && page.permissions().reply().reason() == DenialReason.LOGIN_REQUIRED,
                inbox.topicWatch(viewer, topic.id(), request));
        request.setAttribute(Pages.FEED, "/t/" + topic.id().value() + ".atom");
        return pages.render(request, "topic", topic.title(), view);
    }

    /** A floor's permalink: the page holding it, scrolled to it. */
    /**
     * An anonymous view counts once per view window for the visitor's session, or, without one, for the client's
     * address: the page never creates a session, and cookieless requests do not each count a view.
     */
    static String visitorKey(HttpServletRequest request) {
        jakarta.servlet.http.HttpSession session = request.getSession(false);
        return session != null ? session.getId() : "address:" + request.getRemoteAddr();
    }

    @GetMapping("/topics/{id:\\d{1,18}}/floors/{floor:\\d{1,9}}")
    RedirectView floor(@PathVariable long id, @PathVariable int floor) {
        int at = Math.max(1, floor);
        RedirectView view = Pages.seeOther("/topics/" + id + "?from=" + Pages.pageStart(at) + "#floor-" + at);
        return view;
    }

    @PostMapping("/topics/{id:\\d{1,18}}/replies")
    RedirectView reply(@PathVariable long id, @RequestParam(defaultValue = "") String body,
            @RequestParam(required = false) String quote, Viewer viewer) {
        TopicId topic = TopicId.of(id);
        Reply reply = Reply.to(topic, body);
        if (quote != null && !quote.isBlank()) {
            reply = reply.quoting(Pages.number(quote));
        }
        Post post = forum.posts().reply(viewer, reply);
        return Pages.seeOther(Pages.permalink(topic, post.floor()));
    }

    /** The first character (code point) of a name, upper-cased: the avatar's letter. */
    static String initial(String name) {
        String n = name.strip();
        return n.isEmpty() ? "?" : new String(Character.toChars(n.codePointAt(0))).toUpperCase(Locale.ROOT);
    }

    /** Page links by floor range: the first, the last and a window around the current page. */
    private static List<PageLink> pageLinks(Topic topic, TopicPageRequest request) {
        List<PageLink> links = new ArrayList<>();
        if (request.optionalOnlyAuthor().isPresent()) {
            return links;
        }
        int count = (topic.highestFloor() + Pages.PAGE_SIZE - 1) / Pages.PAGE_SIZE;
        int current = (request.fromFloor() - 1) / Pages.PAGE_SIZE + 1;
        for (int page = 1; page <= count; page++) {
            if (page == 1 || page == count || Math.abs(page - current) <= 4) {
                links.add(new PageLink(page, (page - 1) * Pages.PAGE_SIZE + 1, page == current));
            }
        }
        return links.size() > 1 ? links : List.of();
    }
}
