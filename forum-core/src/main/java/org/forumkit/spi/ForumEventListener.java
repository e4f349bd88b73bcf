package org.forumkit.spi;

import org.forumkit.event.ForumEvent;

/**
 * Receives events after the transaction that caused them has committed, on the thread that ran the command.
 * An exception a listener throws is logged and does not affect the command or other listeners.
 */
@FunctionalInterface
public interface ForumEventListener {
    void onEvent(ForumEvent event);
}
