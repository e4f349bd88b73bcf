package org.forumkit.spi.store;

/**
 * The nesting rules every store keeps, with the same messages: work inside an open transaction joins it, except
 * that read-write work never joins a read-only transaction; a read-only transaction refuses every write.
 */
public final class TransactionNesting {
    private TransactionNesting() {
    }

    /** Throws {@link IllegalStateException} when read-write work is about to join a read-only transaction. */
    public static void checkJoin(boolean outerWritable, boolean innerWritable) {
        if (innerWritable && !outerWritable) {
            throw new IllegalStateException("cannot open a read-write transaction inside a read-only one");
        }
    }

    /** Throws {@link IllegalStateException} when a write reaches a read-only transaction. */
    public static void checkWritable(boolean writable) {
        if (!writable) {
            throw new IllegalStateException("this transaction is read-only");
        }
    }
}
