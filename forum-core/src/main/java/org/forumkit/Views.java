package org.forumkit;

import org.forumkit.model.TopicId;
import org.forumkit.model.Viewer;

/**
 * Topic view counts. Views are buffered in memory and written to the store in one batch per flush (every
 * {@link ForumSettings#viewFlushInterval()}, on {@link #flush()} and on {@link Forum#close()}); a crash loses at
 * most the views of one flush interval. A viewer's repeated views within {@link ForumSettings#viewWindow()}
 * count once per app node.
 */
public interface Views {

    /** Records a view by a signed-in viewer (deduplicated by user) or an anonymous one (counted every time). */
    void record(Viewer viewer, TopicId topic);

    /**
     * Records a view, deduplicated by {@code visitorKey} for anonymous viewers (a host session id, say).
     */
    void record(Viewer viewer, TopicId topic, String visitorKey);

    /** Writes the buffered views now; returns how many topics were updated. */
    int flush();
}
