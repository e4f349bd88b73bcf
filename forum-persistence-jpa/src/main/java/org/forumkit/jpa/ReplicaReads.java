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
 * (down, unreachable, a recovery conflict) is left alone for a while and its reads answered by the primary.
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
    private final AtomicLong onReplica = new AtomicLong();
    private final AtomicLong onPrimary = new AtomicLong();

    ReplicaReads(JpaTransactions replica, Duration retryAfter) {
        this.replica = Objects.requireNonNull(replica, "replica");
        this.retryAfterNanos = retryAfter.toNanos();
        this.downUntil = System.nanoTime();
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
        ReadSession session = sessions.get();
        long needed = session == null ? 0 : session.lsn();
        try {
            Answer<T> answer = replica.inTransaction(true, (em, scope) -> {
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

    /** A read's result, which may itself be null. */
    record Answer<T>(T value) {
    }
}
