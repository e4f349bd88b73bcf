package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.forumkit.model.BoardId;
import org.forumkit.model.TopicId;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** {@link TopicRouting} over three H2 databases standing in for cluster nodes: which node each connection is from. */
class TopicRoutingTest {
    private static final List<String> NAMES = List.of("ROUTE_A", "ROUTE_B", "ROUTE_C");

    private static TopicRouting routing(int nodes) {
        List<DataSource> sources = new ArrayList<>();
        for (String name : NAMES.subList(0, nodes)) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
            sources.add(h2);
        }
        return TopicRouting.over(sources);
    }

    private static String node(DataSource source) throws SQLException {
        try (Connection c = source.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT DATABASE()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void everyConnectionInsideATopicsRouteComesFromThatTopicsNode() throws SQLException {
        TopicRouting routing = routing(3);
        for (long id = 1; id <= 60; id++) {
            String expected = NAMES.get(routing.nodeOf(id));
            try (TopicRouting.Route ignored = routing.topic(TopicId.of(id))) {
                for (int i = 0; i < 3; i++) {
                    assertThat(node(routing)).as("connection %d of topic %d", i, id).isEqualTo(expected);
                }
            }
        }
        try (TopicRouting.Route ignored = routing.board(BoardId.of(7))) {
            assertThat(node(routing)).isEqualTo(NAMES.get(routing.nodeOf(7)));
        }
    }

    @Test
    void idsGaleraMadeOnOneNodeStillSpreadOverEveryNode() {
        // Galera's auto-increment control gives node 1 of 3 the ids 1, 4, 7, …: id % 3 would send them all to one node.
        TopicRouting routing = routing(3);
        Map<Integer, Integer> perNode = new TreeMap<>();
        for (long id = 1; id <= 3 * 300; id += 3) {
            perNode.merge(routing.nodeOf(id), 1, Integer::sum);
        }
        assertThat(perNode).containsOnlyKeys(0, 1, 2);
        assertThat(perNode.values()).allSatisfy(n -> assertThat(n).isGreaterThan(60));
        Map<Integer, Integer> twoNodes = new TreeMap<>();
        TopicRouting two = routing(2);
        for (long id = 1; id <= 300; id++) {
            twoNodes.merge(two.nodeOf(id), 1, Integer::sum);
        }
        assertThat(twoNodes.values()).allSatisfy(n -> assertThat(n).isGreaterThan(100));
    }

    @Test
    void routesNestAndUnroutedConnectionsTakeTurns() throws SQLException {
        TopicRouting routing = routing(2);
        long onA = 1;
        while (routing.nodeOf(onA) != 0) {
            onA++;
        }
        long onB = 1;
        while (routing.nodeOf(onB) != 1) {
            onB++;
        }
        try (TopicRouting.Route outer = routing.topic(TopicId.of(onA))) {
            try (TopicRouting.Route inner = routing.topic(TopicId.of(onB))) {
                assertThat(node(routing)).isEqualTo("ROUTE_B");
            }
            assertThat(node(routing)).isEqualTo("ROUTE_A");
        }
        List<String> unrouted = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            unrouted.add(node(routing));
        }
        assertThat(unrouted).containsOnly("ROUTE_A", "ROUTE_B");
        assertThat(unrouted.get(0)).isNotEqualTo(unrouted.get(1));
    }

    @Test
    void refusesNoNodes() {
        assertThatThrownBy(() -> TopicRouting.over(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
