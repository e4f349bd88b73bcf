package org.forumkit.internal;

import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.forumkit.Boards;
import org.forumkit.ForumSettings;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.PermissionDeniedException;
import org.forumkit.ValidationException;
import org.forumkit.Violation;
import org.forumkit.model.AccessPolicy;
import org.forumkit.model.Action;
import org.forumkit.model.AuditAction;
import org.forumkit.model.Author;
import org.forumkit.model.Board;
import org.forumkit.model.BoardId;
import org.forumkit.model.BoardKind;
import org.forumkit.model.BoardModeration;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.DenialReason;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicCursor;
import org.forumkit.model.Viewer;
import org.forumkit.model.ViewerPermissions;
import org.forumkit.spi.store.DuplicateKeyException;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.NewBoard;
import org.forumkit.spi.store.StoreReader;

final class BoardsService implements Boards {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");
    /** Category → board → sub-board. */
    static final int MAX_DEPTH = 3;
    private static final int MAX_DESCRIPTION = 2_000;

    private final ForumStore store;
    private final ForumSettings settings;
    private final Validator validator;
    private final AccessRules access;
    private final Standings standings;
    private final AuditTrail audit;
    private final Paging paging;

    BoardsService(ForumStore store, ForumSettings settings, Validator validator, AccessRules access,
            Standings standings, AuditTrail audit, Paging paging) {
        this.store = store;
        this.settings = settings;
        this.validator = validator;
        this.access = access;
        this.standings = standings;
        this.audit = audit;
        this.paging = paging;
    }

    @Override
    public Board create(Viewer viewer, CreateBoard command) {
        requireAdmin(viewer, "creating a board");
        Checks checks = Checks.of(validator, command);
        checks.throwIfAny();
        if (!SLUG.matcher(command.slug()).matches()) {
            checks.add("slug", "bad_slug");
        }
        String name = checks.line("name", command.name(), settings.maxNameLength());
        String description = checks.block("description", Objects.requireNonNullElse(command.description(), ""),
                MAX_DESCRIPTION, true).strip();
        List<String> types = new ArrayList<>();
        List<String> rawTypes = Objects.requireNonNullElse(command.topicTypes(), List.of());
        for (int i = 0; i < rawTypes.size(); i++) {
            String field = "topicTypes[" + i + "]";
            String type = rawTypes.get(i) == null ? null : checks.line(field, rawTypes.get(i), settings.maxNameLength());
            if (type == null) {
                checks.add(field, "required");
            } else if (types.contains(type)) {
                checks.add(field, "duplicate");
            } else {
                types.add(type);
            }
        }
        Set<?> moderators = Objects.requireNonNullElse(command.moderators(), Set.of());
        if (moderators.stream().anyMatch(Objects::isNull)) {
            checks.add("moderators", "required");
        }
        if (command.kind() == BoardKind.CATEGORY && command.parentId() != null) {
            checks.add("parentId", "bad_parent");
        }
        checks.throwIfAny();
        NewBoard board = new NewBoard(command.parentId(), command.kind(), command.slug(), name, description,
                command.position(), command.moderators() == null ? Set.of() : command.moderators(), types,
                Objects.requireNonNullElse(command.policy(), AccessPolicy.DEFAULT),
                Objects.requireNonNullElse(command.moderation(), BoardModeration.OFF));
        return store.inTransaction(tx -> {
            Checks stored = new Checks();
            if (board.parentId() != null) {
                Optional<Board> parent = tx.board(board.parentId());
                if (parent.isEmpty()) {
                    stored.add("parentId", "unknown_parent");
                } else if (depth(tx, parent.get()) + 1 > MAX_DEPTH) {
                    stored.add("parentId", "too_deep", MAX_DEPTH);
                }
            }
            if (tx.boardBySlug(board.slug()).isPresent()) {
                stored.add("slug", "slug_taken");
            }
            stored.throwIfAny();
            try {
                return tx.insertBoard(board);
            } catch (DuplicateKeyException e) {
                throw new ValidationException(List.of(Violation.of("slug", "slug_taken")));
            }
        });
    }

    private void requireAdmin(Viewer viewer, String what) {
        Objects.requireNonNull(viewer, "viewer");
        if (viewer.isAnonymous()) {
            throw new PermissionDeniedException(DenialReason.LOGIN_REQUIRED, what);
        }
        if (!viewer.hasRole(settings.adminRole())) {
            throw new PermissionDeniedException(DenialReason.NOT_ALLOWED,
                    what + " needs the role '" + settings.adminRole() + "'");
        }
    }

    @Override
    public Board updateModeration(Viewer viewer, BoardId id, BoardModeration moderation) {
        requireAdmin(viewer, "changing a board's moderation");
        Objects.requireNonNull(id, "id");
        if (moderation == null) {
            throw new ValidationException(List.of(Violation.of("moderation", "required")));
        }
        Author by = access.author(viewer);
        return store.inTransaction(tx -> {
            Board before = tx.board(id).orElseThrow(() -> new NotFoundException(Kind.BOARD, id));
            Board updated = tx.updateBoardModeration(id, moderation);
            audit.record(tx, id, by, AuditAction.BOARD_MODERATION_CHANGED, null, null, null, before.moderation(),
                    updated.moderation(), null);
            return updated;
        });
    }

    private static int depth(StoreReader reader, Board board) {
        int depth = 1;
        for (Board at = board; at.parentId() != null && depth <= MAX_DEPTH; depth++) {
            at = reader.board(at.parentId()).orElseThrow();
        }
        return depth;
    }

    @Override
    public Board get(Viewer viewer, BoardId id) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(id, "id");
        return store.readOnly(reader -> visible(reader, viewer, id));
    }

    private Board visible(StoreReader reader, Viewer viewer, BoardId id) {
        Board board = reader.board(id).orElseThrow(() -> new NotFoundException(Kind.BOARD, id));
        access.require(viewer, Action.VIEW, board, Optional.empty());
        return board;
    }

    @Override
    public Optional<Board> bySlug(Viewer viewer, String slug) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(slug, "slug");
        return store.readOnly(reader -> reader.boardBySlug(slug)
                .filter(board -> access.decide(viewer, Action.VIEW, board, Optional.empty()).allowed()));
    }

    @Override
    public List<Board> list(Viewer viewer) {
        Objects.requireNonNull(viewer, "viewer");
        List<Board> all = store.readOnly(StoreReader::boards);
        Map<Optional<BoardId>, List<Board>> children = all.stream()
                .collect(Collectors.groupingBy(Board::optionalParentId));
        List<Board> visible = new ArrayList<>();
        addVisible(viewer, children, Optional.empty(), visible, new HashSet<>());
        return visible;
    }

    private void addVisible(Viewer viewer, Map<Optional<BoardId>, List<Board>> children, Optional<BoardId> parent,
            List<Board> out, Set<BoardId> seen) {
        List<Board> level = new ArrayList<>(children.getOrDefault(parent, List.of()));
        level.sort(Comparator.comparingInt(Board::position).thenComparing(Board::id));
        for (Board board : level) {
            if (seen.add(board.id()) && access.decide(viewer, Action.VIEW, board, Optional.empty()).allowed()) {
                out.add(board);
                addVisible(viewer, children, Optional.of(board.id()), out, seen);
            }
        }
    }

    @Override
    public Page<Topic, TopicCursor> topics(Viewer viewer, BoardId id, PageRequest<TopicCursor> request) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(request, "request");
        paging.requireSize(request.size());
        return store.readOnly(reader -> {
            visible(reader, viewer, id);
            return Paging.read(request.size(), n -> reader.topics(id, request.optionalAfter(), n), TopicCursor::after);
        });
    }

    @Override
    public ViewerPermissions permissions(Viewer viewer, BoardId id) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(id, "id");
        return store.readOnly(reader -> {
            Board board = visible(reader, viewer, id);
            return access.permissions(viewer, standings.read(reader, viewer, board), board, Optional.empty());
        });
    }
}
