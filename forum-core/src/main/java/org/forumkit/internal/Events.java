package org.forumkit.internal;

import java.util.List;
import org.forumkit.event.ForumEvent;
import org.forumkit.spi.ForumEventListener;
import org.forumkit.spi.store.StoreTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands events to the host's listeners, only for writes that committed. */
final class Events {
    private static final Logger LOG = LoggerFactory.getLogger(Events.class);

    private final List<ForumEventListener> listeners;

    Events(List<ForumEventListener> listeners) {
        this.listeners = listeners;
    }

    /** Delivers {@code event} to the listeners once {@code tx} has committed; a failing listener stops no other. */
    void publish(StoreTransaction tx, ForumEvent event) {
        tx.afterCommit(() -> {
            for (ForumEventListener listener : listeners) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    LOG.warn("event listener {} failed on {}", listener, event.getClass().getSimpleName(), e);
                }
            }
        });
    }
}
