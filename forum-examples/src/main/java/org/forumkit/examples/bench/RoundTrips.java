package org.forumkit.examples.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Counts what a connection sends the server, seen at the JDBC interface under Hibernate (or the ceiling's own
 * code): statements before and after the transaction takes its hot row lock, commits and rollbacks, auto-commit
 * switches, and how long each lock was held (from the end of the statement that takes it to the end of the
 * commit; that statement's own time, which includes the wait for the lock, is counted apart). The hot lock is the one the reply or vote serializes on: the topic row's floor update, or the post row's
 * locking read or counter update. Only the profile installs it; counting is a few adds per statement.
 */
final class RoundTrips {
    /**
     * Statements that take the hot row's lock: the floor allocation, the post's locking read or its vote counts, or
     * the call of a routine of migration V19 that does either.
     */
    private static final Pattern LOCKS = Pattern.compile(
            "update fk_topic\\b.*highest_floor|update fk_post\\b.*support|select .* from fk_post\\b.* for update"
                    + "|\\bfk_append_reply\\(|\\bfk_cast_vote\\(",
            Pattern.DOTALL);

    static final RoundTrips INSTANCE = new RoundTrips();

    final LongAdder outsideLock = new LongAdder();
    final LongAdder insideLock = new LongAdder();
    final LongAdder commits = new LongAdder();
    final LongAdder rollbacks = new LongAdder();
    final LongAdder autoCommitSwitches = new LongAdder();
    final LongAdder lockHeldNanos = new LongAdder();
    final LongAdder lockWindows = new LongAdder();
    final LongAdder lockStatementNanos = new LongAdder();
    private volatile boolean enabled;

    /** When each thread's transaction took the hot lock ({@code 0}: not yet). */
    private final ThreadLocal<long[]> lockedAt = ThreadLocal.withInitial(() -> new long[1]);

    private RoundTrips() {
    }

    /** Zeroes the counts and starts counting. */
    void start() {
        for (LongAdder adder : new LongAdder[] {outsideLock, insideLock, commits, rollbacks, autoCommitSwitches,
                lockHeldNanos, lockWindows, lockStatementNanos}) {
            adder.reset();
        }
        enabled = true;
    }

    void stop() {
        enabled = false;
    }

    /** {@code dataSource}, counted while started. */
    DataSource wrap(DataSource dataSource) {
        return proxy(DataSource.class, dataSource, (target, method, args) -> {
            Object result = invoke(target, method, args);
            return result instanceof Connection c ? connection(c) : result;
        });
    }

    private Connection connection(Connection connection) {
        return proxy(Connection.class, connection, (target, method, args) -> {
            String name = method.getName();
            if (enabled && name.equals("setAutoCommit") && (Boolean) args[0] != connection.getAutoCommit()) {
                autoCommitSwitches.increment();
            }
            Object result = invoke(target, method, args);
            if (name.equals("commit") || name.equals("rollback") && (args == null || args.length == 0)) {
                if (enabled) {
                    (name.equals("commit") ? commits : rollbacks).increment();
                }
                endLock();
            } else if (name.equals("close")) {
                endLock();
            }
            if (result instanceof java.sql.CallableStatement) {
                return result;
            }
            if (result instanceof PreparedStatement s && args != null && args[0] instanceof String sql) {
                return proxy(PreparedStatement.class, s, statement(sql));
            }
            if (result instanceof Statement s && !(result instanceof PreparedStatement)) {
                return proxy(Statement.class, s, statement(null));
            }
            return result;
        });
    }

    private Handler statement(String preparedSql) {
        return (target, method, args) -> {
            if (!method.getName().startsWith("execute")) {
                return invoke(target, method, args);
            }
            String sql = preparedSql != null ? preparedSql : args != null && args[0] instanceof String s ? s : "";
            long[] at = lockedAt.get();
            boolean takesLock = at[0] == 0 && LOCKS.matcher(sql.toLowerCase(Locale.ROOT)).find();
            if (enabled) {
                (at[0] == 0 ? outsideLock : insideLock).increment();
            }
            long start = System.nanoTime();
            Object result = invoke(target, method, args);
            if (takesLock) {
                // held from when the statement that takes it returns: its own wait for the lock is not holding it
                at[0] = System.nanoTime();
                if (enabled) {
                    lockStatementNanos.add(at[0] - start);
                }
            }
            return result;
        };
    }

    private void endLock() {
        long[] at = lockedAt.get();
        if (at[0] != 0) {
            if (enabled) {
                lockHeldNanos.add(System.nanoTime() - at[0]);
                lockWindows.increment();
            }
            at[0] = 0;
        }
    }

    /** The counts per operation of a load of {@code operations}. */
    record PerOperation(double outsideLock, double insideLock, double commits, double roundTrips, double lockHeldMillis,
            double lockStatementMillis) {
    }

    /**
     * Per operation; round trips are statements, commits and rollbacks, plus the auto-commit switches on MariaDB,
     * whose driver sends {@code set autocommit} for each (PostgreSQL's defers it to the next statement).
     */
    PerOperation perOperation(long operations, String dialect) {
        double n = Math.max(1, operations);
        double trips = outsideLock.sum() + insideLock.sum() + commits.sum() + rollbacks.sum()
                + (dialect.equals("mariadb") ? autoCommitSwitches.sum() : 0);
        return new PerOperation(outsideLock.sum() / n, insideLock.sum() / n, commits.sum() / n, trips / n,
                lockWindows.sum() == 0 ? 0 : lockHeldNanos.sum() / 1e6 / lockWindows.sum(),
                lockWindows.sum() == 0 ? 0 : lockStatementNanos.sum() / 1e6 / lockWindows.sum());
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Handler handler) {
        return (T) Proxy.newProxyInstance(RoundTrips.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> handler.handle(target, method, args));
    }

    @FunctionalInterface
    private interface Handler {
        Object handle(Object target, Method method, Object[] args) throws Throwable;
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
