package org.forumkit.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.forumkit.jpa.testing.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The harness's CPU meter gives CPU to whoever spent it: a query that keeps the server busy shows up as that
 * server's CPU and not as the JVM's, a loop in the JVM as the JVM's and not the server's. Lower bounds only (the
 * machine's other work only adds), and a server's CPU must not be counted to the other server.
 */
class CpuMeterTest {

    @Test
    void theJvmsOwnWorkIsTheJvms() {
        CpuMeter.Snapshot before = CpuMeter.now();
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
        long spin = 0;
        while (System.nanoTime() < until) {
            spin++;
        }
        CpuMeter.Cpu cpu = CpuMeter.between(before, CpuMeter.now());
        assertThat(spin).isPositive();
        assertThat(cpu.measured()).as("/proc is read on Linux").isTrue();
        assertThat(cpu.processNanos()).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(300));
        assertThat(cpu.machineBusyNanos()).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(300));
        assertThat(cpu.machineNanos()).isGreaterThanOrEqualTo(cpu.machineBusyNanos());
        assertThat(cpu.machineBusy()).isBetween(0.0, 1.0);
    }

    @Test
    @Tag("postgresql")
    void aBusyPostgreSqlQueryIsPostgreSqlsCpu() throws Exception {
        TestServer server = TestServer.of(TestServer.Kind.POSTGRESQL).require();
        serversCpu(server, "select count(*) from generate_series(1, 6000000) g where g % 7 = 3", CpuMeter.POSTGRES,
                CpuMeter.MARIADB);
    }

    @Test
    @Tag("mariadb")
    void aBusyMariaDbQueryIsMariaDbsCpu() throws Exception {
        TestServer server = TestServer.of(TestServer.Kind.MARIADB).require();
        serversCpu(server, "select benchmark(4000000, md5('forumkit'))", CpuMeter.MARIADB, CpuMeter.POSTGRES);
    }

    private static void serversCpu(TestServer server, String busyQuery, String busy, String other) throws Exception {
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            CpuMeter.Snapshot before = CpuMeter.now();
            long start = System.nanoTime();
            try (ResultSet r = s.executeQuery(busyQuery)) {
                assertThat(r.next()).isTrue();
            }
            long wall = System.nanoTime() - start;
            CpuMeter.Cpu cpu = CpuMeter.between(before, CpuMeter.now());
            assertThat(wall).as("the query keeps its server busy long enough to be counted in 10 ms ticks")
                    .isGreaterThan(TimeUnit.MILLISECONDS.toNanos(150));
            // the server ran the query on one core for most of its wall time; the JVM only waited
            assertThat(cpu.serverNanos(busy)).isGreaterThan(wall / 2);
            assertThat(cpu.serverNanos(other)).isLessThan(wall / 2);
            assertThat(cpu.processNanos()).isLessThan(wall / 2);
        }
    }
}
