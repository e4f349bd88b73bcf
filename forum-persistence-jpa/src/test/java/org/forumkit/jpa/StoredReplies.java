package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The checks of the fault tests, read in SQL after the load: every acknowledged reply stored exactly once at the floor
 * it was given, nothing stored twice, floors 1..n without a gap, the topic's and board's counters equal to the rows.
 */
final class StoredReplies {
    private StoredReplies() {
    }

    /** Checks one topic's replies against the floors the callers were told, by body; returns how many are stored. */
    static int verify(Connection c, long topicId, long boardId, Map<String, Integer> acknowledged) throws SQLException {
        Map<String, List<Long>> stored = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT body, floor FROM fk_post WHERE topic_id = ? AND floor > 1 ORDER BY floor")) {
            s.setLong(1, topicId);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    stored.computeIfAbsent(rows.getString(1), b -> new ArrayList<>()).add(rows.getLong(2));
                }
            }
        }
        acknowledged.forEach((body, floor) -> assertThat(stored.get(body)).as(body).containsExactly((long) floor));
        assertThat(stored.values()).allSatisfy(floors -> assertThat(floors).hasSize(1));
        int rows = stored.size();
        assertThat(TwoNodesTest.longs(c, "SELECT floor FROM fk_post WHERE topic_id = ? ORDER BY floor", topicId))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, rows + 1).mapToObj(i -> (long) i).toList());
        assertThat(TwoNodesTest.longs(c, "SELECT replies FROM fk_topic WHERE id = ?", topicId))
                .containsExactly((long) rows);
        assertThat(TwoNodesTest.longs(c, "SELECT highest_floor FROM fk_topic WHERE id = ?", topicId))
                .containsExactly((long) rows + 1);
        assertThat(TwoNodesTest.longs(c, "SELECT SUM(post_count) FROM fk_board_counter WHERE board_id = ?", boardId))
                .containsExactly((long) rows + 1);
        return rows;
    }
}
