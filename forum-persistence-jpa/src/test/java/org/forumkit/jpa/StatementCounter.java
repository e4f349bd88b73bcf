package org.forumkit.jpa;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Counts the SQL statements executed on the current thread while counting is on, at the JDBC layer: the tests'
 * persistence unit gets its connections from {@link #counting(DataSource)}, so what Hibernate runs and what the store
 * runs itself on the transaction's connection ({@code EntityManager.callWithConnection}) are counted alike. Each
 * {@code execute…} call of a statement counts one (a batch counts one, as the database gets it in one round trip).
 */
final class StatementCounter {
    private static final ThreadLocal<int[]> COUNT = new ThreadLocal<>();

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

    /** {@code pool}, whose connections count the statements they execute. */
    static DataSource counting(DataSource pool) {
        return proxy(DataSource.class, pool, (target, method, args) -> {
            Object result = invoke(target, method, args);
            return result instanceof Connection c ? connection(c) : result;
        });
    }

    private static Connection connection(Connection c) {
        return proxy(Connection.class, c, (target, method, args) -> {
            Object result = invoke(target, method, args);
            if (result instanceof CallableStatement s) {
                return proxy(CallableStatement.class, s, StatementCounter::statement);
            }
            if (result instanceof PreparedStatement s) {
                return proxy(PreparedStatement.class, s, StatementCounter::statement);
            }
            if (result instanceof Statement s) {
                return proxy(Statement.class, s, StatementCounter::statement);
            }
            return result;
        });
    }

    private static Object statement(Object target, Method method, Object[] args) throws Throwable {
        if (method.getName().startsWith("execute")) {
            int[] count = COUNT.get();
            if (count != null) {
                count[0]++;
            }
        }
        return invoke(target, method, args);
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
