package org.forumkit.jpa;

import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Counts the SQL statements Hibernate prepares on the current thread while counting is on, and lets a fault test act
 * just before one of them runs ({@link #beforeEach}).
 */
final class StatementCounter implements StatementInspector {
    private static final long serialVersionUID = 1L;
    static final StatementCounter INSTANCE = new StatementCounter();

    private static final ThreadLocal<int[]> COUNT = new ThreadLocal<>();
    private static final ThreadLocal<java.util.function.Consumer<String>> BEFORE = new ThreadLocal<>();

    @Override
    public String inspect(String sql) {
        int[] count = COUNT.get();
        if (count != null) {
            count[0]++;
        }
        java.util.function.Consumer<String> before = BEFORE.get();
        if (before != null) {
            before.accept(sql);
        }
        return sql;
    }

    /** Runs {@code work} with {@code before} handed each statement Hibernate prepares on this thread, before it runs. */
    static <T> T beforeEach(java.util.function.Consumer<String> before, java.util.function.Supplier<T> work) {
        BEFORE.set(before);
        try {
            return work.get();
        } finally {
            BEFORE.remove();
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
