package org.forumkit.examples;

import org.forumkit.memory.InMemoryForumStore;
import org.forumkit.spi.ForumStore;

/** The store the demo runs on, with the SQL statement counter for the footer. */
record DemoStore(ForumStore store, QueryCounter queries, AutoCloseable resources) implements AutoCloseable {

    static DemoStore open(DemoConfig config) {
        // Until the JPA adapter lands, the demo keeps its data in memory.
        return new DemoStore(new InMemoryForumStore(), QueryCounter.NONE, () -> { });
    }

    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the store failed", e);
        }
    }
}
