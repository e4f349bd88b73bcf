package org.forumkit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.PermissionDeniedException;
import org.forumkit.Posts;
import org.forumkit.StateConflictException;
import org.forumkit.ValidationException;
import org.forumkit.Violation;
import org.forumkit.event.ForumEvent;
import org.forumkit.model.Action;
import org.forumkit.model.AuditAction;
import org.forumkit.model.Author;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.CreditEvent;
import org.forumkit.model.DenialReason;
import org.forumkit.model.EditPost;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.PostRevision;
import org.forumkit.model.PostState;
import org.forumkit.model.Quote;
import org.forumkit.model.QuoteRequest;
import org.forumkit.model.Reply;
import org.forumkit.model.Topic;
import org.forumkit.model.Viewer;
import org.forumkit.spi.ContentRenderer;
import org.forumkit.spi.store.NewPost;
import org.forumkit.spi.store.PostEdit;
import org.forumkit.spi.store.PostInTopic;
import org.forumkit.spi.store.StoreReader;
import org.forumkit.spi.store.TopicInBoard;

final class PostsService implements Posts {
    /** The longest reason a moderator gives for an action. */
    static final int MAX_REASON = 500;

    private final ForumEngine forum;

    PostsService(ForumEngine forum) {
        this.forum = forum;
    }

    /** What a reader who may not see a deleted post gets: its floor, author and times, no content. */
    static Post placeholder(Post post) {
        return new Post(post.id(), post.topicId(), post.floor(), post.author(), post.createdAt(), post.editedAt(),
                post.revision(), "", post.format(), "", post.renderer(), post.state(), post.replyToFloor(),
                post.support(), post.oppose(), List.of());
    }

    @Override
    public Post reply(Viewer viewer, Reply command) {
        Objects.requireNonNull(viewer, "viewer");
        Checks checks = Checks.of(forum.validator, command);
        if (command == null) {
            checks.throwIfAny();
        }
        String body = checks.block("body", command.body(), forum.settings.maxBodyLength(), false);
        ContentFormat format = Objects.requireNonNullElse(command.format(), ContentFormat.PLAIN);
        if (!forum.canRender(format)) {
            checks.add("format", "unknown_format");
        }
        if (command.replyToFloor() != null && command.replyToFloor() < 1) {
            checks.add("replyToFloor", "out_of_range");
        }
        List<QuoteRequest> quotes = Objects.requireNonNullElse(command.quotes(), List.of());
        if (quotes.size() > forum.settings.maxQuotesPerPost()) {
            checks.add("quotes", "too_many", forum.settings.maxQuotesPerPost());
        }
        Map<Integer, String> excerpts = new LinkedHashMap<>();
        for (int i = 0; i < quotes.size(); i++) {
            QuoteRequest quote = quotes.get(i);
            if (quote == null) {
                continue;
            }
            String excerpt = checks.block("quotes[" + i + "].excerpt", quote.excerpt(), forum.settings.maxBodyLength(),
                    false);
            if (excerpts.containsKey(quote.floor())) {
                checks.add("quotes[" + i + "].floor", "duplicate");
            }
            excerpts.put(quote.floor(), excerpt);
        }
        checks.throwIfAny();

        return forum.store.inTransaction(tx -> {
            TopicInBoard found = tx.topicInBoard(command.topicId())
                    .orElseThrow(() -> new NotFoundException(Kind.TOPIC, command.topicId()));
            Topic topic = found.topic();
            Board board = found.board();
            Standing standing = forum.standing(tx, viewer, board);
            forum.access.require(viewer, standing, Action.REPLY, board, Optional.of(topic));
            if (!excerpts.isEmpty()) {
                forum.access.require(viewer, standing, Action.QUOTE, board, Optional.of(topic));
            }
            Author author = forum.author(viewer);
            Checks stored = new Checks();
            if (command.replyToFloor() != null && command.replyToFloor() > topic.highestFloor()) {
                stored.add("replyToFloor", "unknown_floor");
            }
            List<Quote> snapshots = new ArrayList<>();
            List<Post> quoted = new ArrayList<>();
            Map<Integer, Post> sources = new LinkedHashMap<>();
            tx.postsByFloors(topic.id(), excerpts.keySet()).forEach(post -> sources.put(post.floor(), post));
            int i = 0;
            for (Map.Entry<Integer, String> wanted : excerpts.entrySet()) {
                String field = "quotes[" + i++ + "]";
                Post source = sources.get(wanted.getKey());
                if (source == null) {
                    stored.add(field + ".floor", "unknown_floor");
                    continue;
                }
                if (!forum.access.canSee(viewer, board, source)) {
                    throw new PermissionDeniedException(DenialReason.NOT_ALLOWED,
                            "floor " + source.floor() + " cannot be quoted: it is not visible");
                }
                Quote quote = Quoting.snapshot(source, wanted.getValue(), forum.settings.maxQuoteLength(), stored,
                        field + ".excerpt");
                if (quote != null) {
                    snapshots.add(quote);
                    quoted.add(source);
                }
            }
            Censoring censoring = forum.censoring(board);
            String censoredBody = censoring.apply(stored, "body", body);
            stored.throwIfAny();
            forum.checkFlood(tx, viewer, board);
            ContentRenderer renderer = forum.renderer(format);
            String html = renderer.render(censoredBody);
            var now = forum.now();
            Post post = tx.appendReply(new NewPost(topic.id(), author, now, censoredBody, format, html,
                    renderer.version(), forum.initialState(viewer, board, censoring),
                    command.replyToFloor(), snapshots));
            forum.award(tx, board, author.id(), CreditEvent.REPLY, post.id());
            forum.publish(tx, new ForumEvent.PostCreated(topic, post, now));
            for (Post source : quoted) {
                forum.publish(tx, new ForumEvent.PostQuoted(post, source, source.author(), now));
            }
            return post;
        });
    }

    @Override
    public Post get(Viewer viewer, PostId id) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(id, "id");
        return forum.store.readOnly(reader -> {
            Target target = target(reader, id);
            forum.access.require(viewer, Action.VIEW, target.board, Optional.of(target.topic));
            if (forum.access.canSee(viewer, target.board, target.post)) {
                return target.post;
            }
            if (target.post.state() == PostState.DELETED) {
                return placeholder(target.post);
            }
            throw new NotFoundException(Kind.POST, id);
        });
    }

    @Override
    public Post edit(Viewer viewer, EditPost command) {
        Objects.requireNonNull(viewer, "viewer");
        Checks checks = Checks.of(forum.validator, command);
        if (command == null) {
            checks.throwIfAny();
        }
        String body = checks.block("body", command.body(), forum.settings.maxBodyLength(), false);
        if (command.format() != null && !forum.canRender(command.format())) {
            checks.add("format", "unknown_format");
        }
        checks.throwIfAny();
        return forum.store.inTransaction(tx -> {
            Target target = target(tx, command.postId());
            Author editor = requireAuthorOrModerator(viewer, target);
            if (target.post.state() == PostState.DELETED) {
                throw new PermissionDeniedException(DenialReason.NOT_ALLOWED, "post " + target.post.id() + " is deleted");
            }
            if (target.topic.locked() && !forum.access.isModerator(viewer, target.board)) {
                throw new PermissionDeniedException(DenialReason.TOPIC_LOCKED, "topic " + target.topic.id());
            }
            if (!forum.access.isModerator(viewer, target.board)
                    && forum.standing(tx, viewer, target.board).forbids(Action.REPLY)) {
                throw new PermissionDeniedException(DenialReason.BANNED, "post " + target.post.id());
            }
            Duration window = target.board.moderation().authorEditWindow();
            if (!forum.access.isModerator(viewer, target.board) && !window.isZero()
                    && !forum.now().isBefore(target.post.createdAt().plus(window))) {
                throw new PermissionDeniedException(DenialReason.EDIT_WINDOW_CLOSED, "post " + target.post.id()
                        + " could be edited for " + window);
            }
            ContentFormat format = Objects.requireNonNullElse(command.format(), target.post.format());
            ContentRenderer renderer = forum.renderer(format);
            if (renderer == null) {
                throw new ValidationException(List.of(Violation.of("format", "unknown_format")));
            }
            Censoring censoring = forum.censoring(target.board);
            Checks stored = new Checks();
            String censoredBody = censoring.apply(stored, "body", body);
            stored.throwIfAny();
            var now = forum.now();
            PostRevision replaced = tx.keepRevision(target.post.id(), editor, now);
            Post edited = tx.editPost(target.post.id(),
                    new PostEdit(censoredBody, format, renderer.render(censoredBody), renderer.version(), now));
            if (!forum.access.isAuthor(viewer, target.post)) {
                forum.audit(tx, target, editor, AuditAction.POST_EDITED, replaced.revision(), edited.revision(), null);
            }
            if (censoring.state(forum.access.isModerator(viewer, target.board)) == PostState.PENDING
                    && edited.state() == PostState.VISIBLE) {
                edited = tx.changePostState(edited.id(), PostState.PENDING);
            }
            forum.publish(tx, new ForumEvent.PostEdited(edited, editor, now));
            return edited;
        });
    }

    @Override
    public List<PostRevision> revisions(Viewer viewer, PostId id) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(id, "id");
        return forum.store.readOnly(reader -> {
            Target target = target(reader, id);
            requireAuthorOrModerator(viewer, target);
            return reader.revisions(id);
        });
    }

    @Override
    public Post delete(Viewer viewer, PostId id) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(id, "id");
        return forum.store.inTransaction(tx -> {
            Target target = target(tx, id);
            Author by = requireAuthorOrModerator(viewer, target);
            if (target.post.state() == PostState.DELETED) {
                return target.post;
            }
            Post deleted = tx.changePostState(id, PostState.DELETED);
            if (!forum.access.isAuthor(viewer, target.post)) {
                forum.audit(tx, target, by, AuditAction.POST_DELETED, target.post.state(), deleted.state(), null);
                forum.award(tx, target.board, target.post.author().id(), CreditEvent.POST_DELETED_BY_MODERATOR, id);
            }
            forum.publish(tx, new ForumEvent.PostDeleted(deleted, by, forum.now()));
            return deleted;
        });
    }

    @Override
    public Post restore(Viewer viewer, PostId id) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(id, "id");
        return forum.store.inTransaction(tx -> {
            Target target = target(tx, id);
            Author by = forum.author(viewer);
            if (!forum.access.isModerator(viewer, target.board)) {
                throw new PermissionDeniedException(DenialReason.NOT_ALLOWED, "only moderators restore posts");
            }
            if (target.post.state() != PostState.DELETED) {
                return target.post;
            }
            Post restored = tx.changePostState(id, PostState.VISIBLE);
            forum.audit(tx, target, by, AuditAction.POST_RESTORED, target.post.state(), restored.state(), null);
            forum.publish(tx, new ForumEvent.PostRestored(restored, by, forum.now()));
            return restored;
        });
    }

    @Override
    public Post approve(Viewer viewer, PostId id) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(id, "id");
        return forum.store.inTransaction(tx -> {
            Target target = target(tx, id);
            Author by = requireModerator(viewer, target.board, "approve posts");
            switch (target.post.state()) {
                case VISIBLE -> {
                    return target.post;
                }
                case DELETED -> throw new StateConflictException("post " + id + " is deleted; restore it instead");
                case PENDING -> {
                }
            }
            Post approved = tx.changePostState(id, PostState.VISIBLE);
            forum.audit(tx, target, by, AuditAction.POST_APPROVED, target.post.state(), approved.state(), null);
            forum.publish(tx, new ForumEvent.PostApproved(approved, by, forum.now()));
            return approved;
        });
    }

    @Override
    public Post reject(Viewer viewer, PostId id, String reason) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(id, "id");
        String why = reason(reason);
        return forum.store.inTransaction(tx -> {
            Target target = target(tx, id);
            Author by = requireModerator(viewer, target.board, "reject posts");
            switch (target.post.state()) {
                case DELETED -> {
                    return target.post;
                }
                case VISIBLE -> throw new StateConflictException("post " + id + " is visible; delete it instead");
                case PENDING -> {
                }
            }
            Post rejected = tx.changePostState(id, PostState.DELETED);
            forum.audit(tx, target, by, AuditAction.POST_REJECTED, target.post.state(), rejected.state(), why);
            forum.award(tx, target.board, target.post.author().id(), CreditEvent.POST_DELETED_BY_MODERATOR, id);
            forum.publish(tx, new ForumEvent.PostRejected(rejected, by, why, forum.now()));
            return rejected;
        });
    }

    /** A moderator's reason for the record: required, cleaned, at most {@link #MAX_REASON} code points. */
    static String reason(String raw) {
        Checks checks = new Checks();
        if (raw == null) {
            checks.add("reason", "required");
        }
        String clean = checks.block("reason", raw, MAX_REASON, false);
        checks.throwIfAny();
        return clean;
    }

    @Override
    public Page<Post, PostId> pending(Viewer viewer, BoardId boardId, PageRequest<PostId> request) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(boardId, "boardId");
        Objects.requireNonNull(request, "request");
        forum.requirePageSize(request.size());
        return forum.store.readOnly(reader -> {
            Board board = reader.board(boardId).orElseThrow(() -> new NotFoundException(Kind.BOARD, boardId));
            requireModerator(viewer, board, "read the moderation queue");
            return Paging.page(reader.pendingPosts(boardId, request.optionalAfter(), request.size() + 1),
                    request.size(), Post::id, reader.pendingPostCount(boardId));
        });
    }

    /** The viewer as the author of a moderator's action; refused unless they moderate the board. */
    Author requireModerator(Viewer viewer, Board board, String what) {
        Author author = forum.author(viewer);
        if (!forum.access.isModerator(viewer, board)) {
            throw new PermissionDeniedException(DenialReason.NOT_ALLOWED, "only moderators " + what);
        }
        return author;
    }

    private Author requireAuthorOrModerator(Viewer viewer, Target target) {
        Author author = forum.author(viewer);
        forum.access.require(viewer, Action.VIEW, target.board, Optional.of(target.topic));
        if (!forum.access.isAuthor(viewer, target.post) && !forum.access.isModerator(viewer, target.board)) {
            throw new PermissionDeniedException(DenialReason.NOT_ALLOWED,
                    "only the author or a moderator may change post " + target.post.id());
        }
        return author;
    }

    /** A post with the topic and board it belongs to. */
    record Target(Post post, Topic topic, Board board) {
    }

    static Target target(StoreReader reader, PostId id) {
        PostInTopic found = reader.postInTopic(id).orElseThrow(() -> new NotFoundException(Kind.POST, id));
        return new Target(found.post(), found.topic(), found.board());
    }
}
