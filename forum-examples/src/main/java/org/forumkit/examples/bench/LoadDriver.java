package org.forumkit.examples.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the same number of operations on each of N threads, all released at once, and measures throughput and
 * latency; a failed operation is counted, not retried. Used by the library's load scenarios and the JDBC ceiling.
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

    record Load(long operations, long failures, double seconds, Stats latency) {
        double perSecond() {
            return operations / seconds;
        }
    }

    static Load run(int threads, int opsPerThread, Workers workers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong failures = new AtomicLong();
        Stats latency = new Stats();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                Stats own = new Stats();
                try (Worker worker = workers.open(thread)) {
                    go.await();
                    for (int i = 0; i < opsPerThread; i++) {
                        long start = System.nanoTime();
                        try {
                            worker.run(i);
                            own.add(System.nanoTime() - start);
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                    }
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
        return new Load(latency.count(), failures.get(), (System.nanoTime() - start) / 1e9, latency);
    }
}
