package org.forumkit.spi.store;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.forumkit.model.Ban;
import org.forumkit.model.Board;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.SourceState;
import org.forumkit.model.Topic;
import org.forumkit.model.VoteKind;

/**
 * What a store reads for one topic page; core decides from it what the viewer sees.
 *
 * @param viewerBans the viewer's bans that are not lifted, in the topic's board or everywhere (expired ones may
 *                   be included: core compares them with its clock); empty for anonymous viewers. Read with the
 *                   page, so a page costs no extra query to announce {@code BANNED}.
 */
public record StoredTopicPage(
        Board board,
        Topic topic,
        List<Post> posts,
        Map<PostId, VoteKind> viewerVotes,
        Map<PostId, SourceState> quoteSources,
        List<Ban> viewerBans) {

    public StoredTopicPage {
        Objects.requireNonNull(board, "board");
        Objects.requireNonNull(topic, "topic");
        posts = List.copyOf(posts);
        viewerVotes = Map.copyOf(viewerVotes);
        quoteSources = Map.copyOf(quoteSources);
        viewerBans = List.copyOf(viewerBans);
    }
}
