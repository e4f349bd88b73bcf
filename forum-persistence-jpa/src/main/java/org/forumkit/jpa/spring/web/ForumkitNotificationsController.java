package org.forumkit.jpa.spring.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.forumkit.Forum;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.jpa.spring.web.NotificationBodies.ChangedBody;
import org.forumkit.jpa.spring.web.NotificationBodies.EntryBody;
import org.forumkit.jpa.spring.web.NotificationBodies.InboxBody;
import org.forumkit.jpa.spring.web.NotificationBodies.LevelBody;
import org.forumkit.jpa.spring.web.NotificationBodies.SettingBody;
import org.forumkit.jpa.spring.web.NotificationBodies.SettingRequest;
import org.forumkit.jpa.spring.web.NotificationBodies.SettingsBody;
import org.forumkit.jpa.spring.web.NotificationBodies.UnreadBody;
import org.forumkit.jpa.spring.web.NotificationBodies.WatchRequest;
import org.forumkit.model.Board;
import org.forumkit.model.DeliveryChannel;
import org.forumkit.model.InboxEntry;
import org.forumkit.model.NotificationId;
import org.forumkit.model.NotificationKind;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.TopicId;
import org.forumkit.model.UnreadCount;
import org.forumkit.model.Viewer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in viewer's inbox, watching and delivery settings in the forum's JSON API, beside
 * {@link ForumkitApiController} under the same base path, with the same errors ({@link ForumkitApiExceptionHandler})
 * and CSRF (the host's). Every endpoint is for a signed-in viewer only: a visitor gets 401 {@code LOGIN_REQUIRED}.
 * Entries are worded when read, in the request's language.
 */
@RestController
@RequestMapping("${forumkit.api.base-path:/api}")
class ForumkitNotificationsController {
    private static final String ID = "{id:[0-9]+}";
    private static final String SLUG = "{slug:[a-z0-9-]+}";
    /** The built-in kinds, in the order the settings list them. */
    static final List<NotificationKind> KINDS = List.of(NotificationKind.MENTIONED, NotificationKind.REPLIED,
            NotificationKind.QUOTED, NotificationKind.WATCHING, NotificationKind.VOTED, NotificationKind.MODERATION,
            NotificationKind.REPORT_RESOLVED);

    private final Forum forum;
    private final ApiJson json;
    private final int pageSize;
    private final List<DeliveryChannel> channels;

    ForumkitNotificationsController(Forum forum, ApiJson json, int pageSize, List<DeliveryChannel> channels) {
        this.forum = forum;
        this.json = json;
        this.pageSize = pageSize;
        this.channels = List.copyOf(channels);
    }

    @GetMapping("/notifications")
    ResponseEntity<byte[]> inbox(Viewer viewer, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) String size,
            Locale locale) {
        member(viewer);
        int n = size == null ? pageSize : ForumkitApiController.number(size);
        PageRequest<NotificationId> request = cursor == null || cursor.isBlank() ? PageRequest.first(n)
                : PageRequest.after(NotificationId.of(ForumkitApiController.id(cursor)), n);
        Optional<NotificationKind> only = kind == null || kind.isBlank() ? Optional.empty() : Optional.of(kind(kind));
        Page<InboxEntry, NotificationId> page = forum.notifications().inbox(viewer, only, request);
        return json.answer(200, new InboxBody(page.items().stream().map(e -> EntryBody.of(e, locale)).toList(),
                page.optionalNext().map(NotificationId::toString).orElse(null)));
    }

    @GetMapping("/notifications/unread")
    ResponseEntity<byte[]> unread(Viewer viewer, @RequestParam(required = false) String exact) {
        member(viewer);
        if ("true".equals(exact)) {
            long count = forum.notifications().unreadExact(viewer);
            return json.answer(200, new UnreadBody(count, false, Long.toString(count)));
        }
        if (exact != null && !"false".equals(exact)) {
            throw ApiProblem.badRequest(ApiMessage.ONE_OF, "exact", "true, false");
        }
        UnreadCount count = forum.notifications().unread(viewer);
        return json.answer(200, new UnreadBody(count.count(), count.capped(), count.display()));
    }

    @PostMapping("/notifications/" + ID + "/read")
    ResponseEntity<byte[]> markRead(Viewer viewer, @PathVariable String id) {
        member(viewer);
        NotificationId notification = NotificationId.of(ForumkitApiController.id(id));
        return json.answer(200, new ChangedBody(forum.notifications().markRead(viewer, notification) ? 1 : 0));
    }

    @PostMapping("/notifications/read-all")
    ResponseEntity<byte[]> markAllRead(Viewer viewer) {
        member(viewer);
        return json.answer(200, new ChangedBody(forum.notifications().markAllRead(viewer)));
    }

    @PostMapping("/topics/" + ID + "/read")
    ResponseEntity<byte[]> markTopicRead(Viewer viewer, @PathVariable String id,
            @RequestParam(required = false) String upToFloor) {
        member(viewer);
        TopicId topic = TopicId.of(ForumkitApiController.id(id));
        if (upToFloor == null) {
            throw ApiProblem.badRequest(ApiMessage.REQUIRED, "upToFloor");
        }
        int floor = ForumkitApiController.number(upToFloor);
        return json.answer(200, new ChangedBody(forum.notifications().markTopicRead(viewer, topic, floor)));
    }

    @GetMapping("/topics/" + ID + "/watch")
    ResponseEntity<byte[]> topicLevel(Viewer viewer, @PathVariable String id) {
        member(viewer);
        return json.answer(200, new LevelBody(forum.notifications().topicLevel(viewer,
                TopicId.of(ForumkitApiController.id(id)))));
    }

    @PutMapping("/topics/" + ID + "/watch")
    ResponseEntity<byte[]> watchTopic(Viewer viewer, @PathVariable String id,
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        member(viewer);
        TopicId topic = TopicId.of(ForumkitApiController.id(id));
        WatchRequest watch = level(body, contentType);
        forum.notifications().watchTopic(viewer, topic, watch.level());
        return json.answer(200, new LevelBody(forum.notifications().topicLevel(viewer, topic)));
    }

    @GetMapping("/boards/" + SLUG + "/watch")
    ResponseEntity<byte[]> boardLevel(Viewer viewer, @PathVariable String slug) {
        member(viewer);
        return json.answer(200, new LevelBody(forum.notifications().boardLevel(viewer, board(viewer, slug).id())));
    }

    @PutMapping("/boards/" + SLUG + "/watch")
    ResponseEntity<byte[]> watchBoard(Viewer viewer, @PathVariable String slug,
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        member(viewer);
        Board board = board(viewer, slug);
        WatchRequest watch = level(body, contentType);
        forum.notifications().watchBoard(viewer, board.id(), watch.level());
        return json.answer(200, new LevelBody(forum.notifications().boardLevel(viewer, board.id())));
    }

    @GetMapping("/notifications/settings")
    ResponseEntity<byte[]> settings(Viewer viewer) {
        member(viewer);
        List<SettingBody> settings = new ArrayList<>();
        for (DeliveryChannel channel : channels) {
            for (NotificationKind kind : KINDS) {
                settings.add(new SettingBody(channel.name(), kind.name(),
                        forum.deliveries().enabled(viewer, channel, kind)));
            }
        }
        return json.answer(200, new SettingsBody(channels.stream().map(DeliveryChannel::name).toList(),
                KINDS.stream().map(NotificationKind::name).toList(), settings));
    }

    @PutMapping("/notifications/settings")
    ResponseEntity<byte[]> setting(Viewer viewer, @RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        member(viewer);
        SettingRequest setting = json.read(body, contentType, SettingRequest.class);
        DeliveryChannel channel = channels.stream().filter(c -> c.name().equals(setting.channel())).findFirst()
                .orElseThrow(() -> ApiProblem.badRequest(ApiMessage.ONE_OF, "channel",
                        String.join(", ", channels.stream().map(DeliveryChannel::name).toList())));
        if (setting.kind() == null) {
            throw ApiProblem.badRequest(ApiMessage.REQUIRED, "kind");
        }
        NotificationKind kind = kind(setting.kind());
        if (setting.enabled() == null) {
            throw ApiProblem.badRequest(ApiMessage.REQUIRED, "enabled");
        }
        forum.deliveries().setEnabled(viewer, channel, kind, setting.enabled());
        return json.answer(200, new SettingBody(channel.name(), kind.name(),
                forum.deliveries().enabled(viewer, channel, kind)));
    }

    private WatchRequest level(byte[] body, String contentType) {
        WatchRequest watch = json.read(body, contentType, WatchRequest.class);
        if (watch.level() == null) {
            throw ApiProblem.badRequest(ApiMessage.ONE_OF, "level",
                    "WATCHING, TRACKING, NORMAL, MUTED, WATCHING_FIRST_POST");
        }
        return watch;
    }

    private Board board(Viewer viewer, String slug) {
        return forum.boards().bySlug(viewer, slug).orElseThrow(() -> new NotFoundException(Kind.BOARD, slug));
    }

    /** A built-in kind by name ({@code REPLIED}) or a host kind ({@code HOST_1000}). */
    static NotificationKind kind(String name) {
        for (NotificationKind kind : KINDS) {
            if (kind.name().equals(name)) {
                return kind;
            }
        }
        if (name.startsWith("HOST_")) {
            try {
                return NotificationKind.host(Integer.parseInt(name.substring(5)));
            } catch (IllegalArgumentException e) {
                // said below
            }
        }
        throw ApiProblem.badRequest(ApiMessage.ONE_OF, "kind",
                String.join(", ", KINDS.stream().map(NotificationKind::name).toList()) + ", HOST_<code>");
    }

    /** Before anything else, so that a visitor learns nothing (not even whether an id exists). */
    private static void member(Viewer viewer) {
        if (!(viewer instanceof Viewer.Member)) {
            throw new ApiProblem(401, "LOGIN_REQUIRED", ApiMessage.LOGIN_REQUIRED);
        }
    }
}
