package org.forumkit;

import java.net.URI;
import org.forumkit.model.Board;
import org.forumkit.model.Post;
import org.forumkit.model.Topic;

/**
 * Where the host shows boards, topics and posts, and serves their feeds: absolute URIs, which a feed uses as its
 * links and as the permanent ids of its entries (so they must not change).
 */
public interface FeedLinks {

    URI board(Board board);

    URI topic(Topic topic);

    URI post(Topic topic, Post post);

    URI boardFeed(Board board);

    URI topicFeed(Topic topic);
}
