package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.forumkit.model.BoardId;
import org.forumkit.model.NotificationKind;
import org.forumkit.model.TopicId;
import org.forumkit.model.UserId;
import org.forumkit.model.WatchLevel;
import org.forumkit.spi.store.WatcherFanOut;

/**
 * The watch rows ({@code fk_topic_watch}, {@code fk_board_watch}) in plain SQL, and the fan-out of a new post to
 * the watchers as one set-based statement whatever their number. Levels are stored as their rank (the enum's
 * order), so an automatic level is raised with a comparison.
 */
final class WatchRows extends Rows {
    private static final int WATCHING = WatchLevel.WATCHING.ordinal();
    private static final int FIRST_POST = WatchLevel.WATCHING_FIRST_POST.ordinal();
    private static final int MUTED = WatchLevel.MUTED.ordinal();

    WatchRows(EntityManager em) {
        super(em);
    }

    Optional<WatchLevel> topicWatch(UserId user, TopicId topic) {
        return level(em.createNativeQuery("SELECT level_rank FROM fk_topic_watch WHERE topic_id = ?1 AND user_id = ?2")
                .setParameter(1, topic.value()).setParameter(2, user.value()));
    }

    Optional<WatchLevel> boardWatch(UserId user, BoardId board) {
        return level(em.createNativeQuery("SELECT level_rank FROM fk_board_watch WHERE board_id = ?1 AND user_id = ?2")
                .setParameter(1, board.value()).setParameter(2, user.value()));
    }

    private static Optional<WatchLevel> level(Query query) {
        List<?> rows = query.getResultList();
        return rows.isEmpty() ? Optional.empty()
                : Optional.of(WatchLevel.values()[((Number) rows.get(0)).intValue()]);
    }

    void watchTopic(UserId user, TopicId topic, WatchLevel level, boolean explicit, Instant at) {
        int rank = level.ordinal();
        if (explicit) {
            int updated = em.createNativeQuery("UPDATE fk_topic_watch SET level_rank = ?1, explicit = TRUE,"
                    + " changed_at = ?2 WHERE topic_id = ?3 AND user_id = ?4").setParameter(1, rank)
                    .setParameter(2, micros(at)).setParameter(3, topic.value()).setParameter(4, user.value())
                    .executeUpdate();
            if (updated == 0) {
                insertTopicWatch(user, topic, rank, true, at);
            }
            return;
        }
        // automatic: only where the user has no row, or raise an automatic row of a lower level
        int inserted = em.createNativeQuery("INSERT INTO fk_topic_watch (topic_id, user_id, level_rank, explicit,"
                + " changed_at) SELECT ?1, ?2, ?3, FALSE, ?4 FROM (SELECT 1 AS one) d WHERE NOT EXISTS"
                + " (SELECT 1 FROM fk_topic_watch w WHERE w.topic_id = ?1 AND w.user_id = ?2)")
                .setParameter(1, topic.value()).setParameter(2, user.value()).setParameter(3, rank)
                .setParameter(4, micros(at)).executeUpdate();
        if (inserted == 0) {
            em.createNativeQuery("UPDATE fk_topic_watch SET level_rank = ?1, changed_at = ?2 WHERE topic_id = ?3"
                    + " AND user_id = ?4 AND explicit = FALSE AND level_rank < ?1").setParameter(1, rank)
                    .setParameter(2, micros(at)).setParameter(3, topic.value()).setParameter(4, user.value())
                    .executeUpdate();
        }
    }

    private void insertTopicWatch(UserId user, TopicId topic, int rank, boolean explicit, Instant at) {
        em.createNativeQuery("INSERT INTO fk_topic_watch (topic_id, user_id, level_rank, explicit, changed_at)"
                + " VALUES (?1, ?2, ?3, ?4, ?5)").setParameter(1, topic.value()).setParameter(2, user.value())
                .setParameter(3, rank).setParameter(4, explicit).setParameter(5, micros(at)).executeUpdate();
    }

    void watchBoard(UserId user, BoardId board, WatchLevel level, Instant at) {
        int updated = em.createNativeQuery("UPDATE fk_board_watch SET level_rank = ?1, changed_at = ?2"
                + " WHERE board_id = ?3 AND user_id = ?4").setParameter(1, level.ordinal())
                .setParameter(2, micros(at)).setParameter(3, board.value()).setParameter(4, user.value())
                .executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("INSERT INTO fk_board_watch (board_id, user_id, level_rank, changed_at)"
                    + " VALUES (?1, ?2, ?3, ?4)").setParameter(1, board.value()).setParameter(2, user.value())
                    .setParameter(3, level.ordinal()).setParameter(4, micros(at)).executeUpdate();
        }
    }

    Set<UserId> watchers(WatcherFanOut f) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT e.user_id FROM (" + eligible(f, params) + ") e ORDER BY e.user_id";
        Query query = em.createNativeQuery(sql);
        bind(query, params);
        Set<UserId> out = new LinkedHashSet<>();
        for (Object id : query.getResultList()) {
            out.add(UserId.of((String) id));
        }
        return out;
    }

    /**
     * Adds a WATCHING row, counting on, for each watcher without an unread row of the key, in one
     * {@code INSERT … SELECT … WHERE NOT EXISTS}; the others are not written to: their rows count on already.
     */
    int notifyWatchers(WatcherFanOut f) {
        List<Object> params = new ArrayList<>();
        params.add(NotificationKind.WATCHING.code());
        params.add(f.topicId().value());
        params.add(f.postId().value());
        params.add(f.floor());
        params.add(f.actor().id().value());
        params.add(f.actor().displayName());
        params.add(f.foldKey());
        params.add(micros(f.at()));
        params.add(f.countFrom());
        String insert = "INSERT INTO fk_notification (recipient_id, kind, topic_id, post_id, floor_no, actor_id,"
                + " actor_name, detail, unread_fold_key, fold_count, is_read, created_at, updated_at,"
                + " count_from_floor) SELECT e.user_id, ?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7, 1, FALSE, ?8, ?8, ?9 FROM ("
                + eligible(f, params) + ") e WHERE NOT EXISTS (SELECT 1 FROM fk_notification n"
                + " WHERE n.recipient_id = e.user_id AND n.unread_fold_key = ?7)";
        Query inserting = em.createNativeQuery(insert);
        bind(inserting, params);
        return inserting.executeUpdate();
    }

    /**
     * The fan-out's addressed recipients who watch get their unread row counting on, in one update. Their ids are
     * listed, not only selected, so the update reads their rows by the unique key (MariaDB runs an UPDATE's
     * {@code IN (SELECT …)} row by row over the table).
     */
    void countOnAddressed(WatcherFanOut f) {
        WatcherFanOut asWatchers = new WatcherFanOut(f.topicId(), f.boardId(), f.postId(), f.floor(), f.actor(),
                f.firstPost(), Set.of(f.actor().id()), f.addressed(), f.foldKey(), f.at(), f.countFrom(), Set.of());
        List<Object> params = new ArrayList<>();
        String from = p(params, f.countFrom());
        String key = p(params, f.foldKey());
        String sql = "UPDATE fk_notification SET count_from_floor = " + from + " WHERE unread_fold_key = " + key
                + " AND count_from_floor IS NULL AND recipient_id IN (" + list(params, f.addressed())
                + ") AND recipient_id IN (" + eligible(asWatchers, params) + ")";
        Query update = em.createNativeQuery(sql);
        bind(update, params);
        update.executeUpdate();
    }

    /**
     * The watchers as a sub-select, its values appended to {@code params} as numbered parameters: ids are bound,
     * never spliced into the SQL.
     */
    static String eligible(WatcherFanOut f, List<Object> params) {
        String topic = p(params, f.topicId().value());
        String board = p(params, f.boardId().value());
        String watching = p(params, WATCHING);
        String boardLevels = f.firstPost() ? watching + ", " + p(params, FIRST_POST) : watching;
        String muted = p(params, MUTED);
        StringBuilder sql = new StringBuilder("SELECT w.user_id FROM fk_topic_watch w WHERE w.topic_id = ").append(topic)
                .append(" AND w.level_rank = ").append(watching)
                .append(" UNION SELECT b.user_id FROM fk_board_watch b WHERE b.board_id = ").append(board)
                .append(" AND b.level_rank IN (").append(boardLevels).append(") AND NOT EXISTS (SELECT 1 FROM")
                .append(" fk_topic_watch o WHERE o.topic_id = ").append(topic)
                .append(" AND o.user_id = b.user_id AND (o.explicit = TRUE OR o.level_rank = ").append(muted)
                .append("))");
        String outer = "SELECT u.user_id FROM (" + sql + ") u WHERE 1 = 1";
        StringBuilder where = new StringBuilder(outer);
        if (!f.skip().isEmpty()) {
            where.append(" AND u.user_id NOT IN (").append(list(params, f.skip())).append(")");
        }
        if (f.onlyTo() != null) {
            where.append(" AND u.user_id IN (").append(list(params, f.onlyTo())).append(")");
        }
        return where.toString();
    }

    private static String list(List<Object> params, Set<UserId> users) {
        List<String> marks = new ArrayList<>();
        users.stream().map(UserId::value).sorted().forEach(id -> marks.add(p(params, id)));
        return String.join(", ", marks);
    }

    static String p(List<Object> params, Object value) {
        params.add(value);
        return "?" + params.size();
    }

    static void bind(Query query, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
    }
}
