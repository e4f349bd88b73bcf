package org.forumkit;

import java.util.Optional;
import org.forumkit.model.BoardId;
import org.forumkit.model.MostSupportedPage;
import org.forumkit.model.MostSupportedRequest;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.TopicPage;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.Viewer;

/** Topics (threads): starting them and reading their pages. */
public interface Topics {

    /** Starts a topic; its opening post takes floor 1. */
    Topic start(Viewer viewer, StartTopic command);

    Topic get(Viewer viewer, TopicId id);

    /** The comment thread a host attached to one of its pages, if it was started. */
    Optional<Topic> byExternalKey(Viewer viewer, BoardId board, String externalKey);

    /** Locks or unlocks a topic (moderators only); a locked topic takes replies from moderators only. */
    Topic lock(Viewer viewer, TopicId topic, boolean locked);

    /** Pins a topic at a level (0 unpins; higher levels list first); moderators only. */
    Topic pin(Viewer viewer, TopicId topic, int level);

    /**
     * Moves a topic to another board, with a reason for the audit log: a moderator of both boards (or a global
     * moderator). Both boards' counters follow; the topic keeps its floors, posts and reports.
     */
    Topic move(Viewer viewer, TopicId topic, BoardId to, String reason);

    /** A floor range of a topic with everything its page shows, in one store read. */
    TopicPage page(Viewer viewer, TopicId topic, TopicPageRequest request);

    /**
     * A topic's posts most supported first (then by floor), keyset-paged by {@link MostSupportedRequest#after()},
     * in one store read, with what {@link #page} shows of each post; deleted posts are left out, pending ones shown
     * to their author and the board's moderators only, as on a floor range.
     */
    MostSupportedPage mostSupported(Viewer viewer, TopicId topic, MostSupportedRequest request);
}
