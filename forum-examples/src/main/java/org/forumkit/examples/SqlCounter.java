package org.forumkit.examples;

import org.hibernate.resource.jdbc.spi.StatementInspector;

/** Counts the SQL statements Hibernate prepares, per thread: the page footer's "N queries". */
public final class SqlCounter implements StatementInspector, QueryCounter {
    private static final long serialVersionUID = 1L;
    public static final SqlCounter INSTANCE = new SqlCounter();

    private static final ThreadLocal<int[]> COUNT = ThreadLocal.withInitial(() -> new int[1]);

    private SqlCounter() {
    }

    @Override
    public String inspect(String sql) {
        COUNT.get()[0]++;
        return sql;
    }

    @Override
    public void reset() {
        COUNT.get()[0] = 0;
    }

    @Override
    public int count() {
        return COUNT.get()[0];
    }
}
