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
 * it reads each one's allocated bytes, so a load also says how much heap an operation allocates.
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

    /** {@code allocated}: bytes the load's threads allocated during their operations, all of them. */
    record Load(long operations, long failures, double seconds, Stats latency, long allocated) {
        double perSecond() {
            return operations / seconds;
        }

        double allocatedPerOperation() {
            return operations + failures == 0 ? Double.NaN : allocated / (double) (operations + failures);
        }
    }

    static final String THREAD_PREFIX = "bench-load-";
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final com.sun.management.ThreadMXBean ALLOCATION =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

    static Load run(int threads, int opsPerThread, Workers workers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads,
                task -> new Thread(task, THREAD_PREFIX + THREADS.incrementAndGet()));
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong failures = new AtomicLong();
        AtomicLong allocated = new AtomicLong();
        Stats latency = new Stats();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                Stats own = new Stats();
                try (Worker worker = workers.open(thread)) {
                    go.await();
                    long allocatedBefore = ALLOCATION.getCurrentThreadAllocatedBytes();
                    for (int i = 0; i < opsPerThread; i++) {
                        long start = System.nanoTime();
                        try {
                            worker.run(i);
                            own.add(System.nanoTime() - start);
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                    }
                    allocated.addAndGet(ALLOCATION.getCurrentThreadAllocatedBytes() - allocatedBefore);
                }
                latency.addAll(own);
                return null;
            }));
        }
        long start = System.nanoTime();
        go.countDown();
        try {
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Load(latency.count(), failures.get(), (System.nanoTime() - start) / 1e9, latency, allocated.get());
    }
}
