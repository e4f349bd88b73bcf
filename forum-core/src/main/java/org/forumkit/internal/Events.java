package org.forumkit.internal;

import java.util.List;
import java.util.Optional;
import org.forumkit.event.ForumEvent;
import org.forumkit.spi.ForumEventListener;
import org.forumkit.spi.store.StoreTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the notifications of an event in its own transaction (when the forum keeps inboxes), and hands the event
 * to the host's listeners only once that transaction committed.
 */
final class Events {
    private static final Logger LOG = LoggerFactory.getLogger(Events.class);

    private final List<ForumEventListener> listeners;
    private final Optional<Notifier> notifier;

    Events(List<ForumEventListener> listeners, Optional<Notifier> notifier) {
        this.listeners = listeners;
        this.notifier = notifier;
    }

    /** Delivers {@code event} to the listeners once {@code tx} has committed; a failing listener stops no other. */
    void publish(StoreTransaction tx, ForumEvent event) {
        notifier.ifPresent(n -> n.onEvent(tx, event));
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
