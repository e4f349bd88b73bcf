package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeMap;
import org.forumkit.NotFoundException;
import org.forumkit.NotFoundException.Kind;
import org.forumkit.model.BoardId;
import org.forumkit.model.Post;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicCursor;
import org.forumkit.model.TopicId;
import org.forumkit.model.UserId;
import org.forumkit.spi.store.CounterDelta;
import org.forumkit.spi.store.DuplicateKeyException;
import org.forumkit.spi.store.MovedTopic;
import org.forumkit.spi.store.NewPost;
import org.forumkit.spi.store.NewTopic;
import org.forumkit.spi.store.StartedTopic;
import org.forumkit.spi.store.TopicInBoard;
import org.forumkit.spi.store.WithBans;

/** The topic rows ({@code fk_topic}): lookups, a board's listing, starting, pinning and locking, moving, views. */
final class TopicRows extends Rows {
    /** Topics per view-count statement; one statement per chunk keeps the IN list and CASE within every database's limits. */
    static final int VIEWS_PER_STATEMENT = 500;

    private final BoardRows boards;
    private final PostRows posts;
    private final ReportRows reports;

    TopicRows(EntityManager em, BoardRows boards, PostRows posts, ReportRows reports) {
        super(em);
        this.boards = boards;
        this.posts = posts;
        this.reports = reports;
    }

    Optional<Topic> topic(TopicId id) {
        return Optional.ofNullable(detach(em.find(TopicEntity.class, id.value()))).map(Records::topic);
    }

    /** The topic with its board: {@link Lookups#topicInBoard} without a viewer, one statement. */
    Optional<TopicInBoard> topicInBoard(TopicId id) {
        return posts.lookups.topicInBoard(em, id.value(), Optional.empty(), Instant.now()).map(WithBans::found);
    }

    /** The topic, its board and the viewer's bans there not lifted and not expired: one statement, one row per ban. */
    Optional<WithBans<TopicInBoard>> topicInBoard(TopicId id, Optional<UserId> viewer, Instant now) {
        return posts.lookups.topicInBoard(em, id.value(), viewer, now);
    }

    Optional<Topic> topicByExternalKey(BoardId board, String externalKey) {
        return first(em.createQuery(
                        "select t from ForumkitTopic t where t.boardId = :board and t.externalKey = :key", TopicEntity.class)
                .setParameter("board", board.value())
                .setParameter("key", externalKey)).map(Records::topic);
    }

    /** A board's listing in {@link Topic#LISTING_ORDER}: pin level, then last post, newest first, then id, highest first. */
    List<Topic> topics(BoardId board, Optional<TopicCursor> after, int limit) {
        if (limit < 1) {
            return List.of();
        }
        // Topic.LISTING_ORDER as a keyset on (pin_level desc, last_post_at desc, id desc), written so the listing
        // index gives the scan a
        // start: past the pinned topics (pin level 0, where nearly all deep pages are) as a range on
        // (board_id, pin_level, last_post_at); within the few pinned ones, bounded by pin level.
        String keyset = after.isEmpty() ? ""
                : after.get().pinLevel() == 0
                        ? " and t.pinLevel = 0 and t.lastPostAt <= :at and (t.lastPostAt < :at or t.id < :id)"
                        : " and t.pinLevel <= :pin and (t.pinLevel < :pin or t.lastPostAt < :at"
                                + " or (t.lastPostAt = :at and t.id < :id))";
        TypedQuery<TopicEntity> query = em.createQuery("select t from ForumkitTopic t where t.boardId = :board"
                        + keyset + " order by t.pinLevel desc, t.lastPostAt desc, t.id desc", TopicEntity.class)
                .setParameter("board", board.value())
                .setMaxResults(limit);
        after.ifPresent(cursor -> {
            if (cursor.pinLevel() != 0) {
                query.setParameter("pin", cursor.pinLevel());
            }
            query.setParameter("at", micros(cursor.lastPostAt()))
                    .setParameter("id", cursor.topicId().value());
        });
        return list(query).stream().map(Records::topic).toList();
    }

    StartedTopic insertTopic(NewTopic topic, NewPost opening) {
        if (topic.externalKey() != null && topicByExternalKey(topic.boardId(), topic.externalKey()).isPresent()) {
            throw DuplicateKeyException.topicExternalKey(topic.boardId(), topic.externalKey(), null);
        }
        TopicEntity row = new TopicEntity();
        row.boardId = topic.boardId().value();
        row.title = topic.title();
        row.type = topic.type();
        row.authorId = topic.author().id().value();
        row.authorName = topic.author().displayName();
        row.createdAt = micros(topic.createdAt());
        row.externalKey = topic.externalKey();
        row.highestFloor = 1;
        row.lastPostAt = micros(opening.createdAt());
        row.lastPostById = opening.author().id().value();
        row.lastPostByName = opening.author().displayName();
        try {
            em.persist(row);
            em.flush();
        } catch (PersistenceException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw DuplicateKeyException.topicExternalKey(topic.boardId(), topic.externalKey(), e);
            }
            if (SqlErrors.isForeignKeyViolation(e)) {
                throw new NotFoundException(Kind.BOARD, topic.boardId());
            }
            throw e;
        }
        detach(row);
        Post post = posts.insertPost(row.id, 1, opening);
        // The counters after the rows: they are in the board's shard rows, which no topic or post row references,
        // and the topic's id chooses the shard.
        boards.addTopic(row.boardId, post, CounterDelta.ofNew(1, opening.state()));
        return new StartedTopic(Records.topic(row), post);
    }

    Topic updateStatus(TopicId id, int pinLevel, boolean locked) {
        int updated = em.createQuery("update ForumkitTopic t set t.pinLevel = :pin, t.locked = :locked where t.id = :id")
                .setParameter("pin", pinLevel)
                .setParameter("locked", locked)
                .setParameter("id", id.value())
                .executeUpdate();
        if (updated == 0) {
            throw new NotFoundException(Kind.TOPIC, id);
        }
        return topic(id).orElseThrow();
    }

    /** Moves a topic, its counts and its reports; the boards' last posts are core's step after it. */
    MovedTopic moveTopic(TopicId id, BoardId to) {
        // The topic row first (as a reply takes it), so its posts and counts hold still; then the boards.
        TopicEntity topic = detach(em.find(TopicEntity.class, id.value(), LockModeType.PESSIMISTIC_WRITE));
        if (topic == null) {
            throw new NotFoundException(Kind.TOPIC, id);
        }
        if (boards.board(to).isEmpty()) {
            throw new NotFoundException(Kind.BOARD, to);
        }
        long from = topic.boardId;
        if (from == to.value()) {
            return new MovedTopic(Records.topic(topic), to);
        }
        if (topic.externalKey != null && topicByExternalKey(to, topic.externalKey).isPresent()) {
            throw DuplicateKeyException.topicExternalKey(to, topic.externalKey, null);
        }
        boards.moveCounts(from, to.value(), id.value(), posts.visibleCount(id.value()));
        em.createQuery("update ForumkitTopic t set t.boardId = :to where t.id = :id")
                .setParameter("to", to.value())
                .setParameter("id", id.value())
                .executeUpdate();
        reports.moveTopic(id, to);
        // The locked row with its new board is the topic as it is now: no statement to read it back.
        topic.boardId = to.value();
        return new MovedTopic(Records.topic(topic), BoardId.of(from));
    }

    /** The board's topic first in {@link Topic#ACTIVITY_ORDER}. */
    Optional<Topic> mostRecentlyActiveTopic(BoardId board) {
        return first(em.createQuery("select t from ForumkitTopic t where t.boardId = :board"
                        + " order by t.lastPostAt desc, t.id desc", TopicEntity.class)
                .setParameter("board", board.value())).map(Records::topic);
    }

    void addViews(Map<TopicId, Long> views) {
        // Ascending ids, so concurrent flushes take the topic rows' locks in the same order.
        TreeMap<Long, Long> counts = new TreeMap<>();
        views.forEach((topic, count) -> {
            if (count != null && count > 0) {
                counts.merge(topic.value(), count, Long::sum);
            }
        });
        List<Map.Entry<Long, Long>> entries = new ArrayList<>(counts.entrySet());
        for (int start = 0; start < entries.size(); start += VIEWS_PER_STATEMENT) {
            List<Map.Entry<Long, Long>> chunk = entries.subList(start, Math.min(entries.size(), start + VIEWS_PER_STATEMENT));
            // One statement for the whole chunk: views = views + CASE id WHEN … THEN … END.
            StringBuilder jpql = new StringBuilder("update ForumkitTopic t set t.views = t.views + case t.id");
            for (int i = 0; i < chunk.size(); i++) {
                jpql.append(" when :id").append(i).append(" then :count").append(i);
            }
            jpql.append(" else 0 end where t.id in :ids");
            var update = em.createQuery(jpql.toString());
            for (int i = 0; i < chunk.size(); i++) {
                update.setParameter("id" + i, chunk.get(i).getKey());
                update.setParameter("count" + i, chunk.get(i).getValue());
            }
            update.setParameter("ids", chunk.stream().map(Map.Entry::getKey).toList());
            update.executeUpdate();
        }
    }
}
