package org.forumkit.examples.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.forumkit.Forum;
import org.forumkit.NotFoundException;
import org.forumkit.Notifications;
import org.forumkit.model.Board;
import org.forumkit.model.InboxEntry;
import org.forumkit.model.Notification;
import org.forumkit.model.NotificationId;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.TopicId;
import org.forumkit.model.Viewer;
import org.forumkit.model.WatchLevel;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The signed-in user's inbox ({@code /notifications}: each entry worded when read, in the page's language, opening
 * its floor and marking it read), marking all read, and the watch buttons of topics and boards ({@link WatchView},
 * the {@code watch} partial).
 */
@Controller
final class InboxController {
    private final Forum forum;
    private final Pages pages;

    InboxController(Forum forum, Pages pages) {
        this.forum = forum;
        this.pages = pages;
    }

    public record InboxPage(List<EntryView> entries, boolean empty, boolean anyUnread, String next) {
    }

    /** One entry; {@code open} marks it read and goes to {@code link}. */
    public record EntryView(long id, String text, String time, String iso, String link, boolean unread, int count) {
    }

    /** The watch buttons of a topic or board page: the current level and the others to choose. */
    public record WatchView(String action, String label, String currentLabel, List<LevelOption> options) {
    }

    public record LevelOption(String value, String label, String css, boolean current) {
    }

    @GetMapping("/notifications")
    ModelAndView inbox(@RequestParam(required = false) String after, Viewer viewer, HttpServletRequest request) {
        PageRequest<NotificationId> pageRequest = after == null ? PageRequest.first(Pages.PAGE_SIZE)
                : PageRequest.after(NotificationId.of(Pages.number(after)), Pages.PAGE_SIZE);
        Page<InboxEntry, NotificationId> page = forum.notifications().inbox(viewer, Optional.empty(), pageRequest);
        Locale locale = pages.locale(request);
        List<EntryView> entries = new ArrayList<>();
        boolean anyUnread = false;
        for (InboxEntry entry : page.items()) {
            Notification n = entry.notification();
            anyUnread |= !n.read();
            entries.add(new EntryView(n.id().value(), Notifications.text(entry, locale),
                    pages.time(request, n.updatedAt()), n.updatedAt().toString(), link(n), !n.read(), n.count()));
        }
        return pages.render(request, "inbox", pages.text(request, "inbox.title"), new InboxPage(entries,
                entries.isEmpty(), anyUnread, page.optionalNext().map(NotificationId::toString).orElse(null)));
    }

    /** Marks the entry read and opens its floor. */
    @PostMapping("/notifications/{id:\\d{1,18}}/read")
    RedirectView open(@PathVariable long id, Viewer viewer) {
        NotificationId notification = NotificationId.of(id);
        forum.notifications().markRead(viewer, notification);
        // the entry's own floor, read back as the viewer sees it (someone else's id opens only the inbox)
        return Pages.seeOther(forum.notifications().inbox(viewer, Optional.empty(),
                        PageRequest.after(NotificationId.of(id + 1), 1)).items().stream()
                .map(InboxEntry::notification).filter(n -> n.id().equals(notification)).findFirst()
                .map(InboxController::link).orElse("/notifications"));
    }

    @PostMapping("/notifications/read-all")
    RedirectView readAll(Viewer viewer) {
        forum.notifications().markAllRead(viewer);
        return Pages.seeOther("/notifications");
    }

    @PostMapping("/topics/{id:\\d{1,18}}/watch")
    RedirectView watchTopic(@PathVariable long id, @RequestParam(defaultValue = "") String level, Viewer viewer) {
        forum.notifications().watchTopic(viewer, TopicId.of(id), level(level));
        return Pages.seeOther("/topics/" + id);
    }

    @PostMapping("/boards/{slug:[a-z0-9-]+}/watch")
    RedirectView watchBoard(@PathVariable String slug, @RequestParam(defaultValue = "") String level,
            Viewer viewer) {
        Board board = forum.boards().bySlug(viewer, slug)
                .orElseThrow(() -> new NotFoundException(NotFoundException.Kind.BOARD, slug));
        forum.notifications().watchBoard(viewer, board.id(), level(level));
        return Pages.seeOther("/boards/" + slug);
    }

    /** The buttons for a topic, or null for a visitor. */
    WatchView topicWatch(Viewer viewer, TopicId topic, HttpServletRequest request) {
        if (!(viewer instanceof Viewer.Member)) {
            return null;
        }
        return view("/topics/" + topic.value() + "/watch", forum.notifications().topicLevel(viewer, topic),
                List.of(WatchLevel.WATCHING, WatchLevel.TRACKING, WatchLevel.NORMAL, WatchLevel.MUTED), request);
    }

    /** The buttons for a board, or null for a visitor. */
    WatchView boardWatch(Viewer viewer, Board board, HttpServletRequest request) {
        if (!(viewer instanceof Viewer.Member)) {
            return null;
        }
        return view("/boards/" + board.slug() + "/watch", forum.notifications().boardLevel(viewer, board.id()),
                List.of(WatchLevel.WATCHING, WatchLevel.WATCHING_FIRST_POST, WatchLevel.NORMAL, WatchLevel.MUTED),
                request);
    }

    private WatchView view(String action, WatchLevel current, List<WatchLevel> levels, HttpServletRequest request) {
        List<LevelOption> options = levels.stream().map(l -> new LevelOption(l.name(),
                pages.text(request, "watch." + l.name()), l.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                l == current)).toList();
        return new WatchView(action, pages.text(request, "watch.label"), pages.text(request, "watch." + current.name()),
                options);
    }

    private static WatchLevel level(String level) {
        try {
            return WatchLevel.valueOf(level);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("not a watch level: " + level);
        }
    }

    private static String link(Notification n) {
        return n.topicId() == null ? "/notifications" : Pages.permalink(n.topicId(), Math.max(1, n.floor()));
    }
}
