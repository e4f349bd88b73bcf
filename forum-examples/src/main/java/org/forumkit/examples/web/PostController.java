package org.forumkit.examples.web;

import org.forumkit.Forum;
import org.forumkit.model.PostId;
import org.forumkit.model.ReportPost;
import org.forumkit.model.ReportReason;
import org.forumkit.model.Viewer;
import org.forumkit.model.VoteKind;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;

/** What a reader does to one post from the topic page: vote (支持/反对), report (举报), delete and restore. */
@Controller
final class PostController {
    private final Forum forum;

    PostController(Forum forum) {
        this.forum = forum;
    }

    @PostMapping("/posts/{id:\\d{1,18}}/vote")
    RedirectView vote(@PathVariable long id, @RequestParam(defaultValue = "") String vote,
            @RequestParam(required = false) String next, Viewer viewer) {
        PostId post = PostId.of(id);
        if (vote.equals("NONE")) {
            forum.votes().retract(viewer, post);
        } else {
            forum.votes().cast(viewer, post, choice(VoteKind.class, vote, "vote must be SUPPORT, OPPOSE or NONE"));
        }
        return Pages.seeOther(next);
    }

    @PostMapping("/posts/{id:\\d{1,18}}/report")
    RedirectView report(@PathVariable long id, @RequestParam(defaultValue = "") String reason,
            @RequestParam(required = false) String text, @RequestParam(required = false) String next, Viewer viewer) {
        forum.reports().report(viewer, new ReportPost(PostId.of(id),
                choice(ReportReason.class, reason, "reason must be SPAM, ABUSE, OFF_TOPIC or OTHER"),
                text == null || text.isBlank() ? null : text));
        return Pages.seeOther(next);
    }

    @PostMapping("/posts/{id:\\d{1,18}}/delete")
    RedirectView delete(@PathVariable long id, @RequestParam(required = false) String next, Viewer viewer) {
        forum.posts().delete(viewer, PostId.of(id));
        return Pages.seeOther(next);
    }

    @PostMapping("/posts/{id:\\d{1,18}}/restore")
    RedirectView restore(@PathVariable long id, @RequestParam(required = false) String next, Viewer viewer) {
        forum.posts().restore(viewer, PostId.of(id));
        return Pages.seeOther(next);
    }

    /** The constant of {@code type} named {@code value}, or a 400 saying which values there are. */
    static <E extends Enum<E>> E choice(Class<E> type, String value, String message) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(message);
        }
    }
}
