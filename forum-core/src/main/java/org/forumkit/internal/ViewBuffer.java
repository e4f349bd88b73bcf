package org.forumkit.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.forumkit.ForumSettings;
import org.forumkit.Views;
import org.forumkit.model.TopicId;
import org.forumkit.model.Viewer;
import org.forumkit.spi.store.ForumStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts views in memory and adds them to the store in one batch per flush. Counts are taken out of the
 * buffer atomically per topic, so a view recorded during a flush goes into the next one, never nowhere; a
 * failed flush puts its counts back.
 */
final class ViewBuffer implements Views {
    private static final Logger LOG = LoggerFactory.getLogger(ViewBuffer.class);
    /** Beyond this many remembered viewers, new views are counted without de-duplication until the next purge. */
    static final int MAX_REMEMBERED = 200_000;

    private final ForumStore store;
    private final Clock clock;
    private final Duration window;
    private final ConcurrentHashMap<TopicId, Long> pending = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Seen, Instant> seen = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;

    private record Seen(TopicId topic, String viewer) {
    }

    ViewBuffer(ForumStore store, Clock clock, ForumSettings settings) {
        this.store = store;
        this.clock = clock;
        this.window = settings.viewWindow();
        Duration interval = settings.viewFlushInterval();
        if (interval.isZero()) {
            flusher = null;
        } else {
            flusher = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "forumkit-view-flusher");
                thread.setDaemon(true);
                return thread;
            });
            flusher.scheduleWithFixedDelay(this::flushQuietly, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void record(Viewer viewer, TopicId topic) {
        record(viewer, topic, null);
    }

    @Override
    public void record(Viewer viewer, TopicId topic, String visitorKey) {
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(topic, "topic");
        String who = viewer.userId().map(id -> "u:" + id.value()).orElse(visitorKey == null ? null : "v:" + visitorKey);
        if (who != null && !window.isZero() && !firstInWindow(new Seen(topic, who))) {
            return;
        }
        pending.merge(topic, 1L, Long::sum);
    }

    private boolean firstInWindow(Seen key) {
        Instant now = clock.instant();
        if (seen.size() >= MAX_REMEMBERED) {
            return true;
        }
        // A repeat view inside the window (a reload, a page of the topic opened again) is the common case and must
        // not lock: compute locks the key's bin, and every reload of one visitor, or of the visitors behind one
        // address without a session, would queue on that one lock (measured: 10-31 ms stalls at 8 connections).
        Instant known = seen.get(key);
        if (known != null && known.isAfter(now)) {
            return false;
        }
        boolean[] first = {false};
        seen.compute(key, (k, until) -> {
            if (until != null && until.isAfter(now)) {
                return until;
            }
            first[0] = true;
            return now.plus(window);
        });
        return first[0];
    }

    @Override
    public int flush() {
        Map<TopicId, Long> batch = new HashMap<>();
        for (TopicId topic : pending.keySet()) {
            Long count = pending.remove(topic);
            if (count != null) {
                batch.put(topic, count);
            }
        }
        Instant now = clock.instant();
        seen.entrySet().removeIf(e -> !e.getValue().isAfter(now));
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            store.inTransaction(tx -> {
                tx.addViews(batch);
                return null;
            });
        } catch (RuntimeException e) {
            batch.forEach((topic, count) -> pending.merge(topic, count, Long::sum));
            throw e;
        }
        return batch.size();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("flushing view counts failed; they stay buffered for the next flush", e);
        }
    }

    void close() {
        if (flusher != null) {
            flusher.shutdown();
            try {
                flusher.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flushQuietly();
    }
}
