package org.forumkit.examples.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the same number of operations on each of N threads, all released at once, and measures throughput and
 * latency; a failed operation is counted, not retried. Used by the library's load scenarios and the JDBC ceiling.
 * Its threads are named {@code bench-load-N} (the profile keeps their samples apart from the rest of the JVM), and
 * it reads each one's allocated bytes and CPU time, so a load also says how much heap and CPU an operation takes;
 * {@link CpuMeter} adds the whole JVM's, the database servers' and the machine's CPU over the same interval.
 */
final class LoadDriver {
    private LoadDriver() {
    }

    /** One thread's worker: opened before the start signal, closed after its last operation. */
    interface Worker extends AutoCloseable {
        void run(int op) throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    @FunctionalInterface
    interface Workers {
        Worker open(int thread) throws Exception;
    }

    /**
     * {@code allocated}, {@code threadCpuNanos}: bytes the load's threads allocated and CPU time they took during
     * their operations, all of them; {@code cpu}: the JVM's, the servers' and the machine's CPU from the start signal
     * to the last operation's end.
     */
    record Load(long operations, long failures, double seconds, Stats latency, long allocated, long threadCpuNanos,
            CpuMeter.Cpu cpu) {
        double perSecond() {
            return operations / seconds;
        }

        double allocatedPerOperation() {
            return perOperation(allocated);
        }

        /** {@code total} spread over every operation, the failed ones too; NaN for an empty load. */
        double perOperation(double total) {
            return operations + failures == 0 ? Double.NaN : total / (operations + failures);
        }

        /** Milliseconds of CPU per operation: this JVM's and, for {@code server} ({@code null}: none), its processes'. */
        double cpuMillisPerOperation(String server) {
            return perOperation((cpu.processNanos() + (server == null ? 0 : cpu.serverNanos(server))) / 1e6);
        }
    }

    static final String THREAD_PREFIX = "bench-load-";
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final com.sun.management.ThreadMXBean THREAD_METER =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

    static Load run(int threads, int opsPerThread, Workers workers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads,
                task -> new Thread(task, THREAD_PREFIX + THREADS.incrementAndGet()));
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong failures = new AtomicLong();
        AtomicLong allocated = new AtomicLong();
        AtomicLong threadCpu = new AtomicLong();
        Stats latency = new Stats();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                Stats own = new Stats();
                try (Worker worker = workers.open(thread)) {
                    go.await();
                    long allocatedBefore = THREAD_METER.getCurrentThreadAllocatedBytes();
                    long cpuBefore = THREAD_METER.getCurrentThreadCpuTime();
                    for (int i = 0; i < opsPerThread; i++) {
                        long start = System.nanoTime();
                        try {
                            worker.run(i);
                            own.add(System.nanoTime() - start);
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                    }
                    threadCpu.addAndGet(THREAD_METER.getCurrentThreadCpuTime() - cpuBefore);
                    allocated.addAndGet(THREAD_METER.getCurrentThreadAllocatedBytes() - allocatedBefore);
                }
                latency.addAll(own);
                return null;
            }));
        }
        CpuMeter.Snapshot cpuBefore = CpuMeter.now();
        long start = System.nanoTime();
        go.countDown();
        try {
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        CpuMeter.Cpu cpu = CpuMeter.between(cpuBefore, CpuMeter.now());
        return new Load(latency.count(), failures.get(), seconds, latency, allocated.get(), threadCpu.get(), cpu);
    }
}
