package org.forumkit.jpa;

import org.hibernate.resource.jdbc.spi.StatementInspector;

/** Counts the SQL statements Hibernate prepares on the current thread while counting is on. */
final class StatementCounter implements StatementInspector {
    private static final long serialVersionUID = 1L;
    static final StatementCounter INSTANCE = new StatementCounter();

    private static final ThreadLocal<int[]> COUNT = new ThreadLocal<>();

    @Override
    public String inspect(String sql) {
        int[] count = COUNT.get();
        if (count != null) {
            count[0]++;
        }
        return sql;
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
