package org.forumkit.spi.store;

import java.util.Optional;
import org.forumkit.model.TopicId;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.UserId;

/**
 * Where a forum keeps its data: the one interface a storage plugin implements. All logic (permissions,
 * validation, quoting, rendering) lives in core; a store offers primitives that are atomic on their own
 * inside a callback transaction. A store must keep every invariant even when several {@code Forum}
 * instances (app nodes) share it, through its own transactions, row locks and unique keys, never a JVM lock
 * in core.
 *
 * <p>Times reach a store with at most microsecond precision (what every supported database keeps); a store
 * returns them exactly as given, and cuts, never rounds, anything finer it is handed directly.
 *
 * <p>Run {@code org.forumkit.tck.ForumStoreContract} (forum-core's test-jar) against an implementation to
 * check it.
 */
public interface ForumStore {

    /**
     * Runs {@code work} in one transaction and commits when it returns; any exception rolls everything back and
     * is rethrown. A store may run {@code work} more than once when the database reports a serialization
     * failure or deadlock, so {@code work} must have no effects outside the transaction (use
     * {@link StoreTransaction#afterCommit(Runnable)}).
     */
    <T> T inTransaction(TransactionWork<T> work);

    /**
     * Runs {@code work} in a read-only transaction. Whether its reads share one snapshot depends on the store's
     * isolation level (the in-memory store's do; a database under READ COMMITTED may not): a store documents it.
     */
    <T> T readOnly(ReadWork<T> work);

    /**
     * A topic page, as {@link StoreReader#topicPage} reads it, on its own: no other read of the caller shares its
     * transaction. A store that reads the page in one statement may therefore skip the transaction (one statement
     * sees one snapshot on every database) and its round trips. The default reads it in {@link #readOnly}.
     */
    default Optional<StoredTopicPage> topicPage(TopicId topic, TopicPageRequest request, Optional<UserId> viewer) {
        return readOnly(reader -> reader.topicPage(topic, request, viewer));
    }

    /** Work done inside a read-write transaction. */
    @FunctionalInterface
    interface TransactionWork<T> {
        T run(StoreTransaction tx);
    }

    /** Work done inside a read-only transaction. */
    @FunctionalInterface
    interface ReadWork<T> {
        T run(StoreReader reader);
    }
}
