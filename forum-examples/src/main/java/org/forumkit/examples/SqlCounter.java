package org.forumkit.examples;

import java.io.Closeable;
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
 * Counts the SQL statements the current thread executes on the connections of a {@link #wrap(DataSource) wrapped}
 * data source: the page footer's "N queries". Counted at the JDBC interface, so the statements the JPA store runs
 * itself on the transaction's connection (its topic page) count as well as Hibernate's; each {@code execute…} call
 * counts one.
 */
public final class SqlCounter implements QueryCounter {
    public static final SqlCounter INSTANCE = new SqlCounter();

    private static final ThreadLocal<int[]> COUNT = ThreadLocal.withInitial(() -> new int[1]);

    private SqlCounter() {
    }

    @Override
    public void reset() {
        COUNT.get()[0] = 0;
    }

    @Override
    public int count() {
        return COUNT.get()[0];
    }

    /** {@code dataSource}, whose connections count what they execute; closing it closes {@code dataSource}. */
    public DataSource wrap(DataSource dataSource) {
        return (DataSource) Proxy.newProxyInstance(SqlCounter.class.getClassLoader(),
                new Class<?>[] {DataSource.class, Closeable.class}, handler(dataSource, (target, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        if (target instanceof AutoCloseable closeable) {
                            closeable.close();
                        }
                        return null;
                    }
                    Object result = invoke(target, method, args);
                    return result instanceof Connection c ? proxy(Connection.class, c, SqlCounter::connection) : result;
                }));
    }

    private static Object connection(Object target, Method method, Object[] args) throws Throwable {
        Object result = invoke(target, method, args);
        if (result instanceof CallableStatement s) {
            return proxy(CallableStatement.class, s, SqlCounter::statement);
        }
        if (result instanceof PreparedStatement s) {
            return proxy(PreparedStatement.class, s, SqlCounter::statement);
        }
        if (result instanceof Statement s) {
            return proxy(Statement.class, s, SqlCounter::statement);
        }
        return result;
    }

    private static Object statement(Object target, Method method, Object[] args) throws Throwable {
        if (method.getName().startsWith("execute")) {
            COUNT.get()[0]++;
        }
        return invoke(target, method, args);
    }

    private interface Handler {
        Object handle(Object target, Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Handler handler) {
        return type.cast(Proxy.newProxyInstance(SqlCounter.class.getClassLoader(), new Class<?>[] {type},
                handler(target, handler)));
    }

    private static InvocationHandler handler(Object target, Handler handler) {
        return (proxy, method, args) -> switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "counted " + target;
            default -> handler.handle(target, method, args);
        };
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
