package org.forumkit.examples.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time spent during a load, by who spent it: this JVM (all its threads: the load's, the garbage collector's,
 * the JIT's), each local database server (the processes named {@code postgres} or {@code mariadbd}, read from
 * {@code /proc}), and the whole machine (busy and stolen time from {@code /proc/stat}). On a machine where the JVM and
 * the database share the cores, a load that keeps them busy runs at cores ÷ CPU per operation, so comparing the
 * library's CPU per operation with the ceiling's says how much of a throughput ratio is CPU. Where {@code /proc} is
 * missing (not Linux) the server and machine figures are zero and {@link Cpu#measured()} is false.
 */
final class CpuMeter {
    /** Linux's {@code USER_HZ}: the unit of {@code /proc}'s CPU times on every mainstream architecture. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final Path PROC = Path.of("/proc");
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private CpuMeter() {
    }

    /** The counters at one instant. */
    record Snapshot(long processNanos, Map<Long, ServerTicks> servers, long busyTicks, long totalTicks, boolean proc) {
    }

    /** One server process's name and CPU ticks (user and system). */
    record ServerTicks(String name, long ticks) {
    }

    /**
     * CPU nanoseconds between two snapshots: this JVM's, each server's by its process name, the machine's busy time
     * (every core, stolen time left out) and its capacity (cores × wall time as the kernel counts it).
     */
    record Cpu(long processNanos, Map<String, Long> serverNanos, long machineBusyNanos, long machineNanos,
            boolean measured) {
        long serverNanos(String process) {
            return serverNanos.getOrDefault(process, 0L);
        }

        /** Busy share of the machine's cores, 0..1 ({@code NaN} unmeasured). */
        double machineBusy() {
            return measured && machineNanos > 0 ? machineBusyNanos / (double) machineNanos : Double.NaN;
        }
    }

    /** The database server processes the meter tells apart, by the name the kernel gives them. */
    static final String POSTGRES = "postgres";
    static final String MARIADB = "mariadbd";

    /** The name of {@code dialect}'s server processes, or {@code null} for a database without one (H2). */
    static String serverOf(String dialect) {
        return switch (dialect) {
            case "postgresql" -> POSTGRES;
            case "mariadb" -> MARIADB;
            default -> null;
        };
    }

    static Snapshot now() {
        long process = OS.getProcessCpuTime();
        if (!Files.isReadable(PROC.resolve("stat"))) {
            return new Snapshot(process, Map.of(), 0, 0, false);
        }
        Map<Long, ServerTicks> servers = new HashMap<>();
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(PROC, p -> isPid(p.getFileName().toString()))) {
            for (Path pid : pids) {
                String stat;
                try {
                    stat = Files.readString(pid.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the process ended between the listing and the read
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                if (open < 0 || close < open) {
                    continue;
                }
                String name = stat.substring(open + 1, close);
                if (!name.equals(POSTGRES) && !name.equals(MARIADB)) {
                    continue;
                }
                // after "comm) ": state is field 3, utime field 14, stime field 15 (man 5 proc)
                String[] fields = stat.substring(close + 2).split(" ");
                servers.put(Long.parseLong(pid.getFileName().toString()),
                        new ServerTicks(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
            }
            String[] cpu = Files.readAllLines(PROC.resolve("stat")).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long user = Long.parseLong(cpu[1]);
            long nice = Long.parseLong(cpu[2]);
            long system = Long.parseLong(cpu[3]);
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            long irq = Long.parseLong(cpu[6]) + Long.parseLong(cpu[7]);
            long steal = cpu.length > 8 ? Long.parseLong(cpu[8]) : 0;
            long busy = user + nice + system + irq;
            // stolen time (the hypervisor ran someone else) is capacity this machine did not get, not busy time
            return new Snapshot(process, servers, busy, busy + idle + steal, true);
        } catch (IOException | RuntimeException e) {
            return new Snapshot(process, Map.of(), 0, 0, false);
        }
    }

    static Cpu between(Snapshot before, Snapshot after) {
        if (!before.proc() || !after.proc()) {
            return new Cpu(after.processNanos() - before.processNanos(), Map.of(), 0, 0, false);
        }
        // per process: one that started during the load counts whole; one that ended took its ticks with it
        Map<String, Long> servers = new HashMap<>();
        after.servers().forEach((pid, now) -> {
            ServerTicks then = before.servers().get(pid);
            long ticks = then != null && then.name().equals(now.name()) ? now.ticks() - then.ticks() : now.ticks();
            servers.merge(now.name(), ticks * NANOS_PER_TICK, Long::sum);
        });
        return new Cpu(after.processNanos() - before.processNanos(), Map.copyOf(servers),
                (after.busyTicks() - before.busyTicks()) * NANOS_PER_TICK,
                (after.totalTicks() - before.totalTicks()) * NANOS_PER_TICK, true);
    }

    private static boolean isPid(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
