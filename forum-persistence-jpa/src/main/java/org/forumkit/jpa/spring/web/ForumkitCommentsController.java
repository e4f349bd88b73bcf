package org.forumkit.jpa.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.forumkit.ConflictException;
import org.forumkit.Forum;
import org.forumkit.NotFoundException;
import org.forumkit.PermissionDeniedException;
import org.forumkit.ValidationException;
import org.forumkit.jpa.spring.web.ApiBodies.CommentRequest;
import org.forumkit.jpa.spring.web.ApiBodies.CommentsBody;
import org.forumkit.jpa.spring.web.ApiBodies.CountsBody;
import org.forumkit.jpa.spring.web.ApiBodies.PreviewBody;
import org.forumkit.jpa.spring.web.ApiBodies.PreviewRequest;
import org.forumkit.model.Board;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicPage;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.Viewer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The comments widget's endpoints: a host page's thread ({@code /comments?key=}), comment counts for several keys,
 * and the server-rendered preview of a draft. Which keys exist and what their threads are called is the host's
 * {@link CommentThreads}; a visitor names nothing.
 */
@RestController
@RequestMapping("${forumkit.api.base-path:/api}")
class ForumkitCommentsController {
    /** Keys one counts request may ask for. */
    static final int MAX_COUNT_KEYS = 50;
    private static final List<String> FORMATS = List.of(ContentFormat.PLAIN.name(), ContentFormat.MARKDOWN.name(),
            ContentFormat.BBCODE.name());

    private final Forum forum;
    private final CommentThreads threads;
    private final ApiJson json;
    private final TopicPages pages;

    ForumkitCommentsController(Forum forum, CommentThreads threads, ApiJson json, TopicPages pages) {
        this.forum = forum;
        this.threads = threads;
        this.json = json;
        this.pages = pages;
    }

    @GetMapping("/comments")
    ResponseEntity<byte[]> comments(Viewer viewer, @RequestParam(required = false) String key,
            @RequestParam(required = false) String fromFloor, @RequestParam(required = false) String size,
            @RequestParam(required = false) String order, HttpServletRequest request) {
        CommentThreads.Thread thread = thread(key);
        TopicPages.Order sorted = TopicPages.order(order);
        Board board = ForumkitApiController.board(forum, viewer, thread.board());
        Optional<Topic> topic = forum.topics().byExternalKey(viewer, board.id(), key);
        int max = forum.settings().maxBodyLength();
        if (topic.isEmpty()) {
            return json.answer(200, new CommentsBody(key, null, null,
                    forum.boards().permissions(viewer, board.id()).startTopic(), 0,
                    ForumkitApiController.sessionBody(viewer, request), FORMATS, max));
        }
        TopicPages.Shown shown = pages.page(viewer, topic.get().id(), topic, fromFloor, size, null, sorted, request);
        TopicPage page = shown.page();
        return json.answer(200, new CommentsBody(key, page.topic(), pages.json(shown, sorted),
                page.permissions().reply(), page.topic().replies() + 1, ForumkitApiController.sessionBody(viewer, request),
                FORMATS, max));
    }

    /** Visible comments of each key the host knows (unknown keys and threads the viewer may not see are left out). */
    @GetMapping("/comments/counts")
    ResponseEntity<byte[]> counts(Viewer viewer, @RequestParam(name = "key", required = false) List<String> keys) {
        if (keys == null || keys.isEmpty()) {
            throw ApiProblem.badRequest(ApiMessage.KEY_REQUIRED);
        }
        if (keys.size() > MAX_COUNT_KEYS) {
            throw ApiProblem.badRequest(ApiMessage.OUT_OF_RANGE, "key (at most " + MAX_COUNT_KEYS + ")");
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String key : keys) {
            if (key == null || key.isBlank() || counts.containsKey(key)) {
                continue;
            }
            Optional<CommentThreads.Thread> thread = threads.thread(key);
            if (thread.isEmpty()) {
                continue;
            }
            try {
                Board board = ForumkitApiController.board(forum, viewer, thread.get().board());
                counts.put(key, forum.topics().byExternalKey(viewer, board.id(), key).map(t -> t.replies() + 1)
                        .orElse(0L));
            } catch (NotFoundException | PermissionDeniedException e) {
                // a board this viewer may not see has no count for them
            }
        }
        return json.answer(200, new CountsBody(counts));
    }

    /**
     * The first comment starts the page's thread, titled as the host's {@link CommentThreads} says (else its key);
     * two first comments at once both land, one as floor 2.
     */
    @PostMapping("/comments")
    ResponseEntity<byte[]> comment(Viewer viewer, @RequestParam(required = false) String key,
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        CommentThreads.Thread thread = thread(key);
        Board board = ForumkitApiController.board(forum, viewer, thread.board());
        CommentRequest comment = json.read(body, contentType, CommentRequest.class);
        for (int attempt = 0; ; attempt++) {
            Optional<Topic> topic = forum.topics().byExternalKey(viewer, board.id(), key);
            if (topic.isPresent()) {
                return json.answer(201, ForumkitApiController.reply(forum, viewer, topic.get().id(), comment.reply()));
            }
            String title = thread.title() == null ? key : thread.title();
            try {
                Topic started = forum.topics().start(viewer, new StartTopic(board.id(), title, null, comment.body(),
                        ForumkitApiController.format(comment.format()), key));
                return json.answer(201, forum.topics().page(viewer, started.id(), TopicPageRequest.first(1))
                        .posts().get(0));
            } catch (ValidationException | ConflictException e) {
                boolean keyTaken = e instanceof ConflictException
                        || ((ValidationException) e).hasViolation("externalKey", "key_taken");
                if (!keyTaken || attempt > 0) {
                    throw e;
                }
            }
        }
    }

    /** A draft rendered as a comment (or reply in the board) would be; nothing stored. */
    @PostMapping("/preview")
    ResponseEntity<byte[]> preview(Viewer viewer, @RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        PreviewRequest draft = json.read(body, contentType, PreviewRequest.class);
        String slug;
        if (draft.key() != null) {
            slug = thread(draft.key()).board();
        } else if (draft.board() != null) {
            slug = draft.board();
        } else {
            throw ApiProblem.badRequest(ApiMessage.REQUIRED, "key or board");
        }
        Board board = ForumkitApiController.board(forum, viewer, slug);
        return json.answer(200, new PreviewBody(forum.posts().preview(viewer, board.id(),
                draft.body() == null ? null : draft.body(), ForumkitApiController.format(draft.format()))));
    }

    private CommentThreads.Thread thread(String key) {
        if (key == null || key.isBlank()) {
            throw ApiProblem.badRequest(ApiMessage.KEY_REQUIRED);
        }
        return threads.thread(key).orElseThrow(() -> new ApiProblem(404, "NOT_FOUND", ApiMessage.NO_THREAD, key));
    }
}
