package org.forumkit.jpa.spring;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.forumkit.Forum;
import org.forumkit.model.DeliveryRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs {@code forum.deliveries().deliverDue(batch)} on this node every {@code forumkit.deliveries.interval} with a
 * Spring {@link ThreadPoolTaskScheduler} of its own (one thread; the host needs no {@code @EnableScheduling}). A full
 * round is followed at once by the next; a failed round (the database away) is logged and tried at the next tick.
 * Started with the context and stopped before the {@link Forum} closes: stopping lets the delivery at hand finish
 * and claims no more (what was claimed and not sent is claimed again after its lease). Any number of nodes may run
 * one: the outbox's claims keep each delivery to one node at a time.
 */
public final class DeliveryScheduler implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryScheduler.class);

    private final Forum forum;
    private final Duration interval;
    private final int batch;
    private final Duration shutdownWait;
    private final AtomicLong rounds = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private ThreadPoolTaskScheduler scheduler;
    private ScheduledFuture<?> task;
    private volatile boolean running;

    public DeliveryScheduler(Forum forum, ForumkitDeliveryProperties properties) {
        this.forum = forum;
        this.interval = properties.getInterval();
        this.batch = properties.getBatch();
        this.shutdownWait = properties.getShutdownWait();
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("forumkit.deliveries.interval must be positive, not " + interval);
        }
        if (batch < 1 || batch > 1000) {
            throw new IllegalArgumentException("forumkit.deliveries.batch must be 1 to 1000, not " + batch);
        }
        if (shutdownWait == null || shutdownWait.isNegative()) {
            throw new IllegalArgumentException("forumkit.deliveries.shutdown-wait must not be negative, not "
                    + shutdownWait);
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("forumkit-deliveries-");
        scheduler.setWaitForTasksToCompleteOnShutdown(true);
        scheduler.setAwaitTerminationMillis(shutdownWait.toMillis());
        scheduler.initialize();
        running = true;
        // the first round one interval after start, when the application is up
        task = scheduler.scheduleWithFixedDelay(this::round, java.time.Instant.now().plus(interval), interval);
        LOG.info("Delivering notifications every {} ({} at most per round)", interval, batch);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        task.cancel(false);
        scheduler.shutdown(); // waits for the round at hand, up to shutdown-wait
        LOG.info("Stopped delivering notifications after {} rounds, {} delivered", rounds.get(), delivered.get());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Rounds run so far on this node. */
    public long rounds() {
        return rounds.get();
    }

    /** Deliveries this node's rounds delivered so far. */
    public long delivered() {
        return delivered.get();
    }

    void round() {
        try {
            DeliveryRun run;
            do {
                run = forum.deliveries().deliverDue(batch);
                delivered.addAndGet(run.delivered());
                if (run.claimed() > 0) {
                    LOG.debug("Delivery round: {}", run);
                }
            } while (running && run.claimed() == batch);
        } catch (RuntimeException e) {
            LOG.warn("A delivery round failed; the next one runs in {}", interval, e);
        } finally {
            rounds.incrementAndGet();
        }
    }
}
