package org.forumkit.examples.bench;

import org.forumkit.memory.InMemoryForumStore;
import org.forumkit.spi.store.ForumStore;

/** The in-memory store: both "nodes" share one store, as two forums in one JVM would. */
final class MemoryTarget implements Target {
    private InMemoryForumStore store = new InMemoryForumStore();

    @Override
    public String name() {
        return "in-memory";
    }

    @Override
    public void reset() {
        store = new InMemoryForumStore();
    }

    @Override
    public ForumStore node(int node) {
        return store;
    }
}
