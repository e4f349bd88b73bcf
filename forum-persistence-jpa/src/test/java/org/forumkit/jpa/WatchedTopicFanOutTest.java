package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.forumkit.DeliverySettings;
import org.forumkit.Forum;
import org.forumkit.model.AccessPolicy;
import org.forumkit.model.Board;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.DeliveryChannel;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.Viewer;
import org.forumkit.model.WatchLevel;
import org.forumkit.spi.UserDirectory;
import org.forumkit.tck.RecordingSender;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A reply to a watched topic costs the same, whatever the number of watchers, once they have an unread entry: the
 * same statements, and not one inbox or outbox row written for them (a regression guard for the fan-out, whose
 * throughput the benchmark harness measures). Before the entries counted on, each reply updated every watcher's row.
 */
class WatchedTopicFanOutTest {
    private static final Viewer.Member ADMIN = Viewer.user("admin", "Admin", "admin");
    private static final Viewer.Member ALICE = Viewer.user("alice", "Alice");
    private static final Viewer.Member BOB = Viewer.user("bob", "Bob");
    private static final Viewer.Member CAROL = Viewer.user("carol", "Carol");

    @Nested
    @Tag("h2")
    class OnH2 extends Cases {
        OnH2() {
            super(TestDatabase.H2);
        }
    }

    @Nested
    @Tag("postgresql")
    class OnPostgreSql extends Cases {
        OnPostgreSql() {
            super(TestDatabase.POSTGRESQL);
        }
    }

    @Nested
    @Tag("mariadb")
    class OnMariaDb extends Cases {
        OnMariaDb() {
            super(TestDatabase.MARIADB);
        }
    }

    /** What one reply to a topic of {@code watchers} watchers, all with an unread entry already, cost. */
    record Cost(int statements, int notificationRowsWritten, int deliveryRowsWritten) {
    }

    /** The tests, run once per database by the nested classes above (one JUnit tag each). */
    abstract class Cases {
        final TestDatabase db;

        Cases(TestDatabase db) {
            this.db = db;
        }

        @Test
        void aReplyCostsTheSameForFiveOrSeventyWatchersWithUnreadEntries() {
            JpaForumStore store = db.require().freshStore();
            RecordingSender mail = new RecordingSender(DeliveryChannel.MAIL, Duration.ofMinutes(10), true, Set.of());
            try (Forum forum = Forum.builder().store(store).notifications(UserDirectory.ROLELESS).sender(mail)
                    .deliverySettings(DeliverySettings.of("fan-out test key of at least thirty-two bytes".getBytes(
                            java.nio.charset.StandardCharsets.UTF_8))).build()) {
                Board category = forum.boards().create(ADMIN, CreateBoard.category("c", "C"));
                Board board = forum.boards().create(ADMIN, CreateBoard.board(category.id(), "b", "B")
                        .withPolicy(AccessPolicy.DEFAULT));
                Cost few = reply(forum, board, 5);
                Cost many = reply(forum, board, 70);

                assertThat(many.statements()).isEqualTo(few.statements());
                // the starter's own entry takes the reply (the latest actor and time, an answer to her), and no
                // watcher's row nor delivery is written
                assertThat(List.of(few, many)).containsOnly(new Cost(few.statements(), 1, 0));
            }
        }

        private Cost reply(Forum forum, Board board, int watchers) {
            Topic topic = forum.topics().start(ALICE, StartTopic.of(board.id(), "watched by " + watchers, "b"));
            List<Viewer.Member> all = new ArrayList<>();
            for (int i = 0; i < watchers; i++) {
                Viewer.Member w = Viewer.user("w" + watchers + "-" + i, "看客" + i);
                forum.notifications().watchTopic(w, topic.id(), WatchLevel.WATCHING);
                all.add(w);
            }
            // the first reply gives every watcher an unread entry (and a delivery), the second is the steady state
            forum.posts().reply(BOB, Reply.to(topic.id(), "沙发"));
            Map<Object, List<Object>> notifications = rows("fk_notification");
            Map<Object, List<Object>> deliveries = rows("fk_delivery");
            int statements = StatementCounter.count(() -> forum.posts().reply(CAROL, Reply.to(topic.id(), "板凳")));
            Cost cost = new Cost(statements, written(notifications, rows("fk_notification")),
                    written(deliveries, rows("fk_delivery")));
            // and every watcher's entry counts both replies
            for (Viewer.Member w : List.of(all.get(0), all.get(watchers - 1))) {
                assertThat(forum.notifications().inbox(w, Optional.empty(), PageRequest.first(5)).items())
                        .singleElement().satisfies(e -> assertThat(e.notification().count()).isEqualTo(2));
            }
            return cost;
        }

        /** Every row of the table by its id, all columns. */
        private Map<Object, List<Object>> rows(String table) {
            Map<Object, List<Object>> out = new HashMap<>();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.add(Objects.toString(rs.getObject(i)));
                    }
                    out.put(rs.getObject("id").toString(), row);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return out;
        }

        /** How many rows were added or changed. */
        private int written(Map<Object, List<Object>> before, Map<Object, List<Object>> after) {
            return (int) after.entrySet().stream().filter(e -> !e.getValue().equals(before.get(e.getKey()))).count();
        }
    }
}
