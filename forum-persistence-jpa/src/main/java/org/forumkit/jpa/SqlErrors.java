package org.forumkit.jpa;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Predicate;

/** Classifies database failures by the {@link SQLException}s in a cause chain, across PostgreSQL, MariaDB and H2. */
final class SqlErrors {
    private SqlErrors() {
    }

    /**
     * A failure that says nothing about the work itself, only about its timing: a serialization failure or
     * deadlock (SQLSTATE 40001, 40P01; MariaDB 1213), a lock wait timeout (PostgreSQL 55P03, MariaDB 1205,
     * H2 HYT00), or a write this adapter found to have raced another one. Running the whole work again may
     * succeed.
     */
    static boolean isTransient(Throwable failure) {
        return any(failure, e -> e instanceof RaceDetected
                || e instanceof PessimisticLockException
                || e instanceof LockTimeoutException
                || e instanceof SQLException sql && (
                        "40001".equals(sql.getSQLState())
                        || "40P01".equals(sql.getSQLState())
                        || "55P03".equals(sql.getSQLState())
                        || sql.getErrorCode() == 1213
                        || sql.getErrorCode() == 1205
                        || "HYT00".equals(sql.getSQLState())));
    }

    /**
     * A statement ran past a time limit and was cancelled: PostgreSQL's and H2's {@code statement_timeout} (SQLSTATE
     * 57014), MariaDB's {@code max_statement_time} (error 1969) and MySQL's {@code max_execution_time} (3024), or a
     * JDBC query timeout. The transaction is rolled back; running it again at once would only add load.
     */
    static boolean isStatementTimeout(Throwable failure) {
        return any(failure, e -> e instanceof jakarta.persistence.QueryTimeoutException
                || e instanceof java.sql.SQLTimeoutException
                || e instanceof SQLException sql && ("57014".equals(sql.getSQLState()) || sql.getErrorCode() == 1969
                        || sql.getErrorCode() == 3024));
    }

    /**
     * The connection to the database was lost: SQLSTATE class 08 (connection exception, MariaDB's 08S01), PostgreSQL
     * 57P01-57P03 (the backend terminated, e.g. by {@code pg_terminate_backend}, or the server shutting down),
     * MariaDB 1927 (the connection was killed), 1053 (server shutdown), 2006/2013 (gone away, lost during a query).
     * The server rolled back what the transaction had not committed.
     */
    static boolean isConnectionLost(Throwable failure) {
        return isUnavailable(failure) || any(failure, e -> e instanceof java.sql.SQLNonTransientConnectionException
                || e instanceof SQLException sql && (sql.getErrorCode() == 1927 || sql.getErrorCode() == 1053
                        || sql.getErrorCode() == 2006 || sql.getErrorCode() == 2013));
    }

    /**
     * The server is not there: a connection failure (SQLSTATE class 08), an administrator's or crash shutdown
     * (57P01–57P03), no pooled connection in time, or a refused socket.
     */
    static boolean isUnavailable(Throwable failure) {
        return any(failure, e -> e instanceof java.sql.SQLTransientConnectionException
                || e instanceof java.net.ConnectException
                || e instanceof SQLException sql && sql.getSQLState() != null
                        && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P")));
    }

    /** A unique key violation: SQLSTATE 23505 (PostgreSQL, H2), MariaDB/MySQL error 1062. */
    static boolean isUniqueViolation(Throwable failure) {
        return any(failure, e -> e instanceof SQLException sql
                && ("23505".equals(sql.getSQLState()) || sql.getErrorCode() == 1062));
    }

    /** A foreign key violation: SQLSTATE 23503 (PostgreSQL), 23506 (H2), MariaDB/MySQL error 1452. */
    static boolean isForeignKeyViolation(Throwable failure) {
        return any(failure, e -> e instanceof SQLException sql
                && ("23503".equals(sql.getSQLState()) || "23506".equals(sql.getSQLState())
                        || sql.getErrorCode() == 1452));
    }

    private static boolean any(Throwable failure, Predicate<Throwable> test) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable e = failure; e != null && seen.put(e, Boolean.TRUE) == null; e = e.getCause()) {
            if (test.test(e)) {
                return true;
            }
            if (e instanceof SQLException sql) {
                for (SQLException next = sql.getNextException(); next != null; next = next.getNextException()) {
                    if (test.test(next)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Thrown when a conditional write found the row changed under it; the store runs the work again. */
    static final class RaceDetected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RaceDetected(String message) {
            super(message, null, false, false);
        }
    }
}
