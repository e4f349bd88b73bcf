package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLNonTransientConnectionException;
import java.util.function.Supplier;

/**
 * Keeps a lost connection from reading as "not found". Hibernate's {@code em.find} answers null instead of throwing
 * when a connection failure reaches it in a transaction already marked rollback-only ({@code SessionImpl.find}, after
 * HHH-12472), and on PostgreSQL the failed statement itself marks it so first ({@code PostgreSQLDialect.causesRollback}
 * through {@code JdbcCoordinatorImpl.afterFailedStatementExecution}): a row lookup on a connection the server ended
 * answers empty, and a commit afterwards rolls back instead (failing, on the ended connection, with an unclassified
 * error). So each piece of store work is checked once it ends:
 * when its transaction is marked rollback-only and its connection no longer answers, what the work returned or threw
 * (a "not found" an empty lookup led to) is replaced by a connection failure, which {@link JpaForumStore} runs again
 * or reports as {@link org.forumkit.StoreUnavailableException}. Healthy work pays one in-memory check; the connection
 * is asked only after a failure marked the transaction.
 */
final class LostConnections {
    /** How long a connection may take to answer whether it still works. */
    private static final int VALIDATION_SECONDS = 5;

    private LostConnections() {
    }

    /** Runs {@code work} on {@code em}'s transaction and checks, whatever it answered, that the connection held. */
    static <T> T check(EntityManager em, Supplier<T> work) {
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            if (!SqlErrors.isConnectionLost(e)) {
                PersistenceException lost = lostUnder(em);
                if (lost != null) {
                    lost.addSuppressed(e);
                    throw lost;
                }
            }
            throw e;
        }
        PersistenceException lost = lostUnder(em);
        if (lost != null) {
            throw lost;
        }
        return result;
    }

    /** A connection failure when {@code em}'s transaction is marked rollback-only and its connection fails; else null. */
    private static PersistenceException lostUnder(EntityManager em) {
        if (!rollbackOnly(em)) {
            return null;
        }
        RuntimeException unanswered = null;
        try {
            if (em.callWithConnection((Connection c) -> c.isValid(VALIDATION_SECONDS))) {
                return null;
            }
        } catch (RuntimeException e) {
            unanswered = e;
        }
        String message = "the connection to the database was lost under the transaction: a failure Hibernate did not"
                + " throw marked it rollback-only, and the connection no longer answers";
        PersistenceException lost = new PersistenceException(message,
                new SQLNonTransientConnectionException(message, "08003"));
        if (unanswered != null) {
            lost.addSuppressed(unanswered);
        }
        return lost;
    }

    private static boolean rollbackOnly(EntityManager em) {
        EntityTransaction tx;
        try {
            tx = em.getTransaction();
        } catch (IllegalStateException jta) {
            // A JTA entity manager has no resource-local transaction to ask; its container's rollback stands.
            return false;
        }
        return tx.isActive() && tx.getRollbackOnly();
    }
}
