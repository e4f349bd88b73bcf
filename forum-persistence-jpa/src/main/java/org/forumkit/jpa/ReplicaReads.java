package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a {@link JpaForumStore}'s reads to a PostgreSQL hot standby: reads of a thread without a
 * {@link ReadSession} position go there; a user's reads go there once the standby's {@code pg_last_wal_replay_lsn()}
 * has passed their last commit ({@code pg_current_wal_insert_lsn()} after it), else to the primary. A standby that fails
 * (down, unreachable, a recovery conflict) is left alone for a while and its reads answered by the primary, and so is
 * one that lags behind the primary by more than the configured limit.
 *
 * <p>The lag is asked only when it might have passed the limit: a replica's data cannot get older faster than the
 * clock runs, so a lag {@code l} measured at {@code t} bounds the lag at {@code now} by {@code l + (now - t)}, and
 * reads go to the replica without a question while that bound stays within the limit.
 */
final class ReplicaReads {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaReads.class);

    private final JpaTransactions replica;
    private final long retryAfterNanos;
    private final ThreadLocal<ReadSession> sessions = new ThreadLocal<>();
    /** The highest replay position seen on the standby: positions below it need no question. */
    private final AtomicLong replayed = new AtomicLong();
    /** A {@link System#nanoTime()} before which the standby is left alone; differences only, as nanoTime wants. */
    private volatile long downUntil;
    /** The lag limit in nanoseconds. */
    private final long maxLagNanos;
    /** The last lag measured; null before the first. */
    private volatile LagSample lag;
    /** A {@link System#nanoTime()} before which a replica found lagging past the limit is not asked again. */
    private volatile long behindUntil;
    private final AtomicLong onReplica = new AtomicLong();
    private final AtomicLong onPrimary = new AtomicLong();

    ReplicaReads(JpaTransactions replica, Duration retryAfter, Duration maxLag) {
        this.replica = Objects.requireNonNull(replica, "replica");
        this.retryAfterNanos = retryAfter.toNanos();
        this.maxLagNanos = maxLag.toNanos();
        this.downUntil = System.nanoTime();
        this.behindUntil = downUntil;
    }

    ReadSession open(String position) {
        ReadSession session = new ReadSession(sessions, ReadSession.parse(position));
        sessions.set(session);
        return session;
    }

    /** Whether a write on this thread should learn its commit position (a session is open). */
    boolean tracking() {
        return sessions.get() != null;
    }

    /** Records the commit position of this thread's write, read on the primary right after the commit. */
    void committed(JpaTransactions primary) {
        ReadSession session = sessions.get();
        if (session != null) {
            // The insert position, not pg_current_wal_lsn(): under synchronous_commit = off the write position
            // may still lie before this commit's record.
            session.advance(primary.inTransaction(true, (em, scope) -> lsn(em, "pg_current_wal_insert_lsn()")));
        }
    }

    /**
     * Runs {@code read} on the standby when it may answer, else returns null so the caller reads the primary.
     * {@code read} must be free of side effects beyond its transaction: it may run on both servers.
     */
    <T> Answer<T> tryReplica(JpaTransactions.Work<T> read) {
        if (System.nanoTime() - downUntil < 0) {
            onPrimary.incrementAndGet();
            return null;
        }
        long asked = System.nanoTime();
        LagSample known = lag;
        boolean askLag = known == null || known.lagNanos() > maxLagNanos - (asked - known.at());
        if (askLag && asked - behindUntil < 0) {
            onPrimary.incrementAndGet();
            return null;
        }
        ReadSession session = sessions.get();
        long needed = session == null ? 0 : session.lsn();
        try {
            Answer<T> answer = replica.inTransaction(true, (em, scope) -> {
                if (askLag && !withinLagLimit(em)) {
                    return null;
                }
                if (needed > replayed.get()) {
                    long now = lsn(em, "pg_last_wal_replay_lsn()");
                    replayed.accumulateAndGet(now, Math::max);
                    if (now < needed) {
                        return null;
                    }
                }
                return new Answer<>(read.run(em, scope));
            });
            (answer == null ? onPrimary : onReplica).incrementAndGet();
            return answer;
        } catch (RuntimeException e) {
            if (!SqlErrors.isUnavailable(e) && !SqlErrors.isTransient(e)) {
                throw e;
            }
            downUntil = System.nanoTime() + retryAfterNanos;
            onPrimary.incrementAndGet();
            LOG.warn("the read replica failed; reading the primary for {} ms: {}", retryAfterNanos / 1_000_000,
                    e.toString());
            return null;
        }
    }

    /**
     * Measures the replica's lag: none while it streams and has replayed all it received, else the age of the last
     * transaction it replayed (an upper bound: the primary may have written nothing since). A replica found behind the
     * limit is asked again after a tenth of the limit (at most a second), its reads meanwhile going to the primary.
     */
    private boolean withinLagLimit(EntityManager em) {
        long at = System.nanoTime();
        Object micros = em.createNativeQuery("SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()"
                + " AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver) THEN 0"
                + " ELSE COALESCE(CAST(EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp())"
                + " * 1000000 AS BIGINT), -1) END").getSingleResult();
        long measured = ((Number) micros).longValue();
        long lagNanos = measured < 0 ? Long.MAX_VALUE : Math.max(0, measured) * 1000;
        lag = new LagSample(lagNanos, at);
        if (lagNanos <= maxLagNanos) {
            return true;
        }
        behindUntil = System.nanoTime() + Math.min(maxLagNanos / 10, 1_000_000_000L);
        LOG.debug("the read replica lags {} ms, past the limit of {} ms: reading the primary",
                lagNanos == Long.MAX_VALUE ? "?" : lagNanos / 1_000_000, maxLagNanos / 1_000_000);
        return false;
    }

    long onReplica() {
        return onReplica.get();
    }

    long onPrimary() {
        return onPrimary.get();
    }

    private static long lsn(EntityManager em, String function) {
        Object value = em.createNativeQuery("SELECT CAST(" + function + " AS text)").getSingleResult();
        return ReadSession.parse(value == null ? "" : value.toString());
    }

    /** A lag measured at {@link System#nanoTime()} {@code at}. */
    private record LagSample(long lagNanos, long at) {
    }

    /** A read's result, which may itself be null. */
    record Answer<T>(T value) {
    }
}
