package org.forumkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.forumkit.examples.FaultLoad.Attempt;
import org.forumkit.examples.FaultLoad.Outcome;

/**
 * The fault harness's checks, in SQL against the client's log: every acknowledged reply stored exactly once with the
 * id and floor it was given, nothing refused stored, nothing stored that no client sent, floors 1..n without a gap,
 * the topic's and board's counters equal the rows, the post's vote counts equal its vote rows, and each voter's
 * stored vote one their log allows.
 */
final class FaultChecks {
    private FaultChecks() {
    }

    /** What the checks found: replies stored, of which unacknowledged (whole, their commit's answer lost). */
    record Stored(int replies, int unacknowledged, int votes) {
    }

    static Stored verify(Connection c, long topicId, long boardId, long boardPostsBefore, int postsBefore,
            long hotPostId, List<Attempt> log) throws SQLException {
        Map<String, List<long[]>> stored = new HashMap<>();
        List<Long> floors = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT body, id, floor FROM fk_post WHERE topic_id = ? ORDER BY floor")) {
            s.setLong(1, topicId);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    stored.computeIfAbsent(rows.getString(1), b -> new ArrayList<>())
                            .add(new long[] {rows.getLong(2), rows.getLong(3)});
                    floors.add(rows.getLong(3));
                }
            }
        }
        Set<String> maybe = new HashSet<>();
        int acknowledged = 0;
        for (Attempt a : log) {
            if (!a.kind().equals("reply")) {
                continue;
            }
            List<long[]> rows = stored.getOrDefault(a.what(), List.of());
            switch (a.outcome()) {
                case ACKNOWLEDGED -> {
                    acknowledged++;
                    assertThat(rows).as("acknowledged reply %s stored exactly once", a.what()).hasSize(1);
                    assertThat(rows.get(0)).as("stored with the id and floor it was given: %s", a.what())
                            .containsExactly(a.id(), a.floor());
                }
                case REFUSED -> assertThat(rows).as("refused reply %s (%s) stored nothing", a.what(), a.code()).isEmpty();
                default -> {
                    assertThat(rows).as("reply %s with no answer stored at most once", a.what()).hasSizeLessThanOrEqualTo(1);
                    maybe.add(a.what());
                }
            }
        }
        int replies = floors.size() - postsBefore;
        Set<String> sent = new HashSet<>();
        log.stream().filter(a -> a.kind().equals("reply")).forEach(a -> sent.add(a.what()));
        long strangers = stored.keySet().stream().filter(b -> b.startsWith("回复 ") && !sent.contains(b)).count();
        assertThat(strangers).as("replies stored that no client sent").isZero();
        assertThat(stored.values()).allSatisfy(rows -> assertThat(rows).hasSize(1));
        assertThat(floors).as("floors 1..n without a gap or a duplicate")
                .containsExactlyElementsOf(IntStream.rangeClosed(1, floors.size()).mapToObj(i -> (long) i).toList());
        assertThat(longs(c, "SELECT replies FROM fk_topic WHERE id = ?", topicId)).containsExactly(floors.size() - 1L);
        assertThat(longs(c, "SELECT highest_floor FROM fk_topic WHERE id = ?", topicId))
                .containsExactly((long) floors.size());
        assertThat(longs(c, "SELECT SUM(post_count) FROM fk_board_counter WHERE board_id = ?", boardId))
                .as("the board's count moved by the stored replies, no more").containsExactly(boardPostsBefore + replies);
        int unacknowledged = replies - acknowledged;
        assertThat(unacknowledged).as("stored without an acknowledgement: only requests with no answer")
                .isBetween(0, maybe.size());

        // votes: counts equal rows; each voter's row is what their last acknowledged vote, or a later unanswered one, set
        Map<String, String> votes = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT voter, kind FROM fk_vote WHERE post_id = ?")) {
            s.setLong(1, hotPostId);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    votes.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        long support = votes.values().stream().filter("SUPPORT"::equals).count();
        long oppose = votes.values().stream().filter("OPPOSE"::equals).count();
        assertThat(longs(c, "SELECT support FROM fk_post WHERE id = ?", hotPostId)).containsExactly(support);
        assertThat(longs(c, "SELECT oppose FROM fk_post WHERE id = ?", hotPostId)).containsExactly(oppose);
        for (String voter : FaultLoad.VOTERS) {
            Set<String> possible = new HashSet<>(Set.of("NONE"));
            for (Attempt a : log) {
                if (a.kind().equals("vote") && a.user().equals(voter)) {
                    if (a.outcome() == Outcome.ACKNOWLEDGED) {
                        possible = new HashSet<>(Set.of(a.what()));
                    } else if (a.outcome() != Outcome.REFUSED) {
                        possible.add(a.what());
                    }
                }
            }
            assertThat(votes.getOrDefault(voter, "NONE")).as("%s's stored vote", voter).isIn(possible);
        }
        return new Stored(replies, unacknowledged, votes.size());
    }

    static List<Long> longs(Connection c, String sql, long id) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getLong(1));
                }
            }
        }
        return values;
    }
}
