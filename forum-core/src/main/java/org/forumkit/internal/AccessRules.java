package org.forumkit.internal;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.forumkit.ForumSettings;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.PermissionDeniedException;
import org.forumkit.model.Action;
import org.forumkit.model.Audience;
import org.forumkit.model.Author;
import org.forumkit.model.Board;
import org.forumkit.model.BoardKind;
import org.forumkit.model.Decision;
import org.forumkit.model.DenialReason;
import org.forumkit.model.Post;
import org.forumkit.model.PostState;
import org.forumkit.model.Topic;
import org.forumkit.model.Viewer;
import org.forumkit.model.ViewerPermissions;
import org.forumkit.spi.PermissionPolicy;
import org.forumkit.spi.store.PostInTopic;

/**
 * Decides what a viewer may do: the board's access policy, the topic's lock, then the host's
 * {@link PermissionPolicy}. Anonymous visitors may only view: every write is stored under a host user id.
 * A viewer who may not see a board, topic or post is answered as if it did not exist ({@link NotFoundException}),
 * before any other rule, so refusals never tell which hidden ids exist; {@link PermissionDeniedException} is for
 * what the viewer sees but may not do.
 */
final class AccessRules {
    private final ForumSettings settings;
    private final PermissionPolicy hostPolicy;

    AccessRules(ForumSettings settings, PermissionPolicy hostPolicy) {
        this.settings = settings;
        this.hostPolicy = hostPolicy;
    }

    boolean isModerator(Viewer viewer, Board board) {
        return viewer instanceof Viewer.Member member
                && (member.hasRole(settings.moderatorRole()) || board.isModerator(member.id()));
    }

    /** Whether the viewer moderates everywhere: the global moderator role, or the admin role. */
    boolean isGlobalModerator(Viewer viewer) {
        return viewer.hasRole(settings.moderatorRole()) || viewer.hasRole(settings.adminRole());
    }

    /** The author to store for a viewer: a signed-in user, with the display name cleaned like any name. */
    Author author(Viewer viewer) {
        if (!(viewer instanceof Viewer.Member member)) {
            throw new PermissionDeniedException(DenialReason.LOGIN_REQUIRED, "anonymous visitors cannot write");
        }
        String name = TextRules.cut(TextRules.line(member.displayName()), settings.maxNameLength());
        return new Author(member.id(), name.isEmpty() ? TextRules.cut(member.id().value(), settings.maxNameLength()) : name);
    }

    /** The viewer as the author of a moderator's action; refused unless they moderate the board. */
    Author requireModerator(Viewer viewer, Board board, String what) {
        return requireModerator(viewer, board, () -> new NotFoundException(Kind.BOARD, board.id()), what);
    }

    /** As {@link #requireModerator(Viewer, Board, String)} for an action on a post: a hidden post is not found. */
    Author requireModerator(Viewer viewer, PostInTopic target, String what) {
        return requireModerator(viewer, target.board(), () -> new NotFoundException(Kind.POST, target.post().id()),
                what, target);
    }

    /** As {@link #requireModerator(Viewer, Board, String)}, answering {@code hidden} when the viewer cannot see it. */
    Author requireModerator(Viewer viewer, Board board, Supplier<NotFoundException> hidden, String what) {
        return requireModerator(viewer, board, hidden, what, null);
    }

    private Author requireModerator(Viewer viewer, Board board, Supplier<NotFoundException> hidden, String what,
            PostInTopic post) {
        if (!isModerator(viewer, board)) {
            if (post != null) {
                requireVisible(viewer, post);
            } else {
                requireVisible(viewer, board, Optional.empty(), hidden);
            }
        }
        Author author = author(viewer);
        if (!isModerator(viewer, board)) {
            throw new PermissionDeniedException(DenialReason.NOT_ALLOWED, "only moderators " + what);
        }
        return author;
    }

    /** Whether the viewer may see the board (and topic): its view rule and the host's policy for VIEW. */
    boolean canView(Viewer viewer, Board board, Optional<Topic> topic) {
        return decide(viewer, Action.VIEW, board, topic).allowed();
    }

    /** Throws {@code hidden} unless the viewer may see the board (and topic). */
    void requireVisible(Viewer viewer, Board board, Optional<Topic> topic, Supplier<NotFoundException> hidden) {
        if (!canView(viewer, board, topic)) {
            throw hidden.get();
        }
    }

    /** Throws the not-found of the topic (or the board) unless the viewer may see it. */
    void requireVisible(Viewer viewer, Board board, Optional<Topic> topic) {
        requireVisible(viewer, board, topic, () -> topic
                .map(t -> new NotFoundException(Kind.TOPIC, t.id()))
                .orElseGet(() -> new NotFoundException(Kind.BOARD, board.id())));
    }

    /**
     * Throws the post's not-found unless the viewer may see its board and topic and knows the post exists: a
     * visible or deleted post (a deleted one shows as a placeholder), or a pending one they wrote or moderate.
     */
    void requireVisible(Viewer viewer, PostInTopic target) {
        Post post = target.post();
        if (!canView(viewer, target.board(), Optional.of(target.topic()))
                || (post.state() != PostState.DELETED && !canSee(viewer, target.board(), post))) {
            throw new NotFoundException(Kind.POST, post.id());
        }
    }

    Decision decide(Viewer viewer, Action action, Board board, Optional<Topic> topic) {
        return decide(viewer, Standing.NONE, action, board, topic);
    }

    /** The decision for a viewer whose active bans are {@code standing}. */
    Decision decide(Viewer viewer, Standing standing, Action action, Board board, Optional<Topic> topic) {
        return hostPolicy.decide(viewer, action, board, topic, byBoardRules(viewer, standing, action, board, topic));
    }

    void require(Viewer viewer, Action action, Board board, Optional<Topic> topic) {
        require(viewer, Standing.NONE, action, board, topic);
    }

    /** Refuses the action: not found when the viewer may not see the board or topic, else denied with the reason. */
    void require(Viewer viewer, Standing standing, Action action, Board board, Optional<Topic> topic) {
        requireVisible(viewer, board, topic);
        Decision decision = decide(viewer, standing, action, board, topic);
        if (!decision.allowed()) {
            throw new PermissionDeniedException(decision.reason(), action + " on board " + board.id()
                    + topic.map(t -> ", topic " + t.id()).orElse(""));
        }
    }

    /**
     * Whether every signed-in user may read the board: its view rule is everyone or members and the host adds no
     * rule of its own, so a set-based fan-out needs no check per recipient.
     */
    boolean everyMemberMayView(Board board) {
        Audience.Kind view = board.policy().audience(Action.VIEW).kind();
        return hostPolicy == PermissionPolicy.BOARD_RULES
                && (view == Audience.Kind.EVERYONE || view == Audience.Kind.MEMBERS);
    }

    /** Whether the viewer may see this post's content: visible posts; pending ones to their author and moderators. */
    boolean canSee(Viewer viewer, Board board, Post post) {
        return post.state() == PostState.VISIBLE
                || (post.state() == PostState.PENDING && (isAuthor(viewer, post) || isModerator(viewer, board)));
    }

    /** The viewer as the one who changes {@code target}: its author or a moderator of its board. */
    Author requireAuthorOrModerator(Viewer viewer, PostInTopic target) {
        requireVisible(viewer, target);
        Author author = author(viewer);
        if (!isAuthor(viewer, target.post()) && !isModerator(viewer, target.board())) {
            throw new PermissionDeniedException(DenialReason.NOT_ALLOWED,
                    "only the author or a moderator may change post " + target.post().id());
        }
        return author;
    }

    /**
     * What the viewer gets of a post: the post when they may see it, a placeholder for a deleted one (its floor,
     * author and times, no content), nothing for a pending post of someone else.
     */
    Optional<Post> shown(Viewer viewer, Board board, Post post) {
        if (canSee(viewer, board, post)) {
            return Optional.of(post);
        }
        return post.state() == PostState.DELETED ? Optional.of(placeholder(post)) : Optional.empty();
    }

    private static Post placeholder(Post post) {
        return new Post(post.id(), post.topicId(), post.floor(), post.author(), post.createdAt(), post.editedAt(),
                post.revision(), "", post.format(), "", post.renderer(), post.state(), post.replyToFloor(),
                post.support(), post.oppose(), List.of());
    }

    boolean isAuthor(Viewer viewer, Post post) {
        return viewer.userId().map(post.author().id()::equals).orElse(false);
    }

    ViewerPermissions permissions(Viewer viewer, Standing standing, Board board, Optional<Topic> topic) {
        return new ViewerPermissions(
                decide(viewer, standing, Action.REPLY, board, topic),
                decide(viewer, standing, Action.QUOTE, board, topic),
                decide(viewer, standing, Action.VOTE, board, topic),
                decide(viewer, standing, Action.REPORT, board, topic),
                decide(viewer, standing, Action.START_TOPIC, board, Optional.empty()),
                isModerator(viewer, board));
    }

    private Decision byBoardRules(Viewer viewer, Standing standing, Action action, Board board, Optional<Topic> topic) {
        boolean moderator = isModerator(viewer, board);
        Decision view = audience(viewer, board.policy().audience(Action.VIEW), moderator);
        if (!view.allowed() || action == Action.VIEW) {
            return view;
        }
        if (action == Action.START_TOPIC && board.kind() == BoardKind.CATEGORY) {
            return Decision.deny(DenialReason.NOT_ALLOWED);
        }
        Audience audience = board.policy().audience(action);
        if (audience.kind() == Audience.Kind.NOBODY) {
            return Decision.deny(DenialReason.BOARD_READ_ONLY);
        }
        if ((action == Action.REPLY || action == Action.QUOTE) && !moderator && topic.map(Topic::locked).orElse(false)) {
            return Decision.deny(DenialReason.TOPIC_LOCKED);
        }
        if (viewer.isAnonymous()) {
            return Decision.deny(DenialReason.LOGIN_REQUIRED);
        }
        if (!moderator && standing.forbids(action)) {
            return Decision.deny(DenialReason.BANNED);
        }
        return audience(viewer, audience, moderator);
    }

    private static Decision audience(Viewer viewer, Audience audience, boolean moderator) {
        return switch (audience.kind()) {
            case EVERYONE -> Decision.ALLOW;
            case NOBODY -> Decision.deny(DenialReason.NOT_ALLOWED);
            case MEMBERS -> viewer.isAnonymous() ? Decision.deny(DenialReason.LOGIN_REQUIRED) : Decision.ALLOW;
            case ROLES -> {
                if (viewer.isAnonymous()) {
                    yield Decision.deny(DenialReason.LOGIN_REQUIRED);
                }
                boolean holds = moderator || !Collections.disjoint(viewer.roles(), audience.roles());
                yield holds ? Decision.ALLOW : Decision.deny(DenialReason.NOT_ALLOWED);
            }
        };
    }
}
