package org.forumkit.jpa;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Counts the SQL statements executed on the current thread while counting is on, at the JDBC layer: the tests'
 * persistence unit gets its connections from {@link #counting(DataSource)}, so what Hibernate runs and what the store
 * runs itself on the transaction's connection ({@code EntityManager.callWithConnection}) are counted alike. Each
 * {@code execute…} call of a statement counts one (a batch counts one, as the database gets it in one round trip).
 * A fault test may also act just before each statement runs ({@link #beforeEach}).
 */
final class StatementCounter {
    private static final ThreadLocal<int[]> COUNT = new ThreadLocal<>();
    private static final ThreadLocal<Consumer<String>> BEFORE = new ThreadLocal<>();
    private static final ThreadLocal<int[]> CONTROLS = new ThreadLocal<>();
    private static final ThreadLocal<Map<String, Integer>> ROWS = new ThreadLocal<>();

    private StatementCounter() {
    }

    /** Runs {@code work} and returns how many statements it executed on this thread. */
    static int count(Runnable work) {
        int[] count = {0};
        COUNT.set(count);
        try {
            work.run();
        } finally {
            COUNT.remove();
        }
        return count[0];
    }

    /**
     * Runs {@code work} and returns how many transaction controls it made on this thread's connections: commits,
     * rollbacks and auto-commit switches (each a round trip on MariaDB; a commit or rollback one on every database).
     */
    static int transactionControls(Runnable work) {
        int[] count = {0};
        CONTROLS.set(count);
        try {
            work.run();
        } finally {
            CONTROLS.remove();
        }
        return count[0];
    }

    /**
     * Runs {@code work} and returns, per SQL text run on this thread, the rows its result sets handed to the caller
     * (each {@code ResultSet.next()} that found a row counts one; a statement that found none is listed with 0).
     */
    static Map<String, Integer> rows(Runnable work) {
        Map<String, Integer> rows = new LinkedHashMap<>();
        ROWS.set(rows);
        try {
            work.run();
        } finally {
            ROWS.remove();
        }
        return rows;
    }

    /** Runs {@code work} with {@code before} handed the SQL of each statement run on this thread, before it runs. */
    static <T> T beforeEach(Consumer<String> before, Supplier<T> work) {
        BEFORE.set(before);
        try {
            return work.get();
        } finally {
            BEFORE.remove();
        }
    }

    /** {@code pool}, whose connections count the statements they execute. */
    static DataSource counting(DataSource pool) {
        return proxy(DataSource.class, pool, (target, method, args) -> {
            Object result = invoke(target, method, args);
            return result instanceof Connection c ? connection(c) : result;
        });
    }

    private static Connection connection(Connection c) {
        return proxy(Connection.class, c, (target, method, args) -> {
            int[] controls = CONTROLS.get();
            if (controls != null && switch (method.getName()) {
                case "commit", "rollback", "setAutoCommit" -> true;
                default -> false;
            }) {
                controls[0]++;
            }
            Object result = invoke(target, method, args);
            // The SQL a prepared statement was made for; a plain statement is handed its SQL when it runs.
            String prepared = args != null && args.length > 0 && args[0] instanceof String sql ? sql : null;
            if (result instanceof CallableStatement s) {
                return proxy(CallableStatement.class, s, (t, m, a) -> statement(prepared, t, m, a));
            }
            if (result instanceof PreparedStatement s) {
                return proxy(PreparedStatement.class, s, (t, m, a) -> statement(prepared, t, m, a));
            }
            if (result instanceof Statement s) {
                return proxy(Statement.class, s, (t, m, a) -> statement(null, t, m, a));
            }
            return result;
        });
    }

    private static Object statement(String prepared, Object target, Method method, Object[] args) throws Throwable {
        if (method.getName().startsWith("execute")) {
            int[] count = COUNT.get();
            if (count != null) {
                count[0]++;
            }
            Consumer<String> before = BEFORE.get();
            String sql = prepared != null ? prepared
                    : args != null && args.length > 0 && args[0] instanceof String given ? given : null;
            if (before != null && sql != null) {
                before.accept(sql);
            }
            Map<String, Integer> rows = ROWS.get();
            Object result = invoke(target, method, args);
            if (rows != null && sql != null) {
                rows.merge(sql, 0, Integer::sum);
                if (result instanceof ResultSet r) {
                    return counted(r, sql, rows);
                }
            }
            return result;
        }
        Map<String, Integer> rows = ROWS.get();
        Object result = invoke(target, method, args);
        if (rows != null && prepared != null && result instanceof ResultSet r
                && method.getName().equals("getResultSet")) {
            return counted(r, prepared, rows);
        }
        return result;
    }

    private static ResultSet counted(ResultSet r, String sql, Map<String, Integer> rows) {
        return proxy(ResultSet.class, r, (t, m, a) -> {
            Object result = invoke(t, m, a);
            if (m.getName().equals("next") && Boolean.TRUE.equals(result)) {
                rows.merge(sql, 1, Integer::sum);
            }
            return result;
        });
    }

    private interface Handler {
        Object handle(Object target, Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Handler handler) {
        InvocationHandler invocation = (proxy, method, args) -> switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "counting " + target;
            default -> handler.handle(target, method, args);
        };
        return type.cast(Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type},
                invocation));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
