package org.forumkit.examples;

/** Counts the SQL statements the current thread ran, for the page footer (as the seed page's footer does). */
public interface QueryCounter {
    /** For stores that run no SQL. */
    QueryCounter NONE = new QueryCounter() {
        @Override
        public void reset() {
        }

        @Override
        public int count() {
            return -1;
        }
    };

    void reset();

    /** Statements since the last {@link #reset()} on this thread, or -1 when the store runs no SQL. */
    int count();
}
