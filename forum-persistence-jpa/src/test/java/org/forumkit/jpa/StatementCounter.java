package org.forumkit.jpa;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Counts the SQL statements prepared on the current thread while counting is on, at the JDBC connection: what the
 * provider prepares and what the store sends itself over {@code EntityManager.callWithConnection} alike.
 */
final class StatementCounter {
    private static final ThreadLocal<int[]> COUNT = new ThreadLocal<>();

    private StatementCounter() {
    }

    /** {@code pool} with every connection it hands out counting its statements. */
    static DataSource counting(DataSource pool) {
        return proxy(DataSource.class, pool, (target, method, args) -> {
            Object result = invoke(target, method, args);
            return result instanceof Connection c ? proxy(Connection.class, c, StatementCounter::onConnection) : result;
        });
    }

    private static Object onConnection(Object connection, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (name.equals("prepareStatement") || name.equals("prepareCall")) {
            counted();
        }
        Object result = invoke(connection, method, args);
        if (result instanceof Statement s && name.equals("createStatement")) {
            // a plain statement counts once per SQL it executes
            return proxy(Statement.class, s, (target, m, a) -> {
                if (m.getName().startsWith("execute") && a != null && a.length > 0 && a[0] instanceof String) {
                    counted();
                }
                return invoke(target, m, a);
            });
        }
        return result;
    }

    private static void counted() {
        int[] count = COUNT.get();
        if (count != null) {
            count[0]++;
        }
    }

    private interface Handler {
        Object handle(Object target, Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Handler handler) {
        InvocationHandler invocation = (proxy, method, args) -> handler.handle(target, method, args);
        return (T) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type}, invocation);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Runs {@code work} and returns how many statements it prepared on this thread. */
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
}
