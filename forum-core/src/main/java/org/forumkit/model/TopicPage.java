package org.forumkit.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a topic as a viewer sees it: the topic header, the posts of a floor range with their quote
 * snapshots, the viewer's own votes on them, the current state of quoted sources and what the viewer may do.
 *
 * @param next the {@code fromFloor} of the next page (for {@link TopicPageRequest#from(int, int)}), or {@code null}
 *             on the last page
 */
public record TopicPage(
        Topic topic,
        Board board,
        List<Post> posts,
        Map<PostId, VoteKind> myVotes,
        Map<PostId, SourceState> quoteSources,
        ViewerPermissions permissions,
        TopicPageRequest request,
        Integer next) {

    public TopicPage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(board, "board");
        posts = List.copyOf(Objects.requireNonNull(posts, "posts"));
        myVotes = Map.copyOf(Objects.requireNonNull(myVotes, "myVotes"));
        quoteSources = Map.copyOf(Objects.requireNonNull(quoteSources, "quoteSources"));
        Objects.requireNonNull(permissions, "permissions");
        Objects.requireNonNull(request, "request");
    }

    public Optional<VoteKind> myVote(PostId post) {
        return Optional.ofNullable(myVotes.get(post));
    }

    /** Whether a quote's source is unchanged, edited or gone since the snapshot was taken. */
    public QuoteStatus statusOf(Quote quote) {
        SourceState source = quoteSources.get(quote.sourcePostId());
        return source == null ? QuoteStatus.SOURCE_GONE : source.statusOf(quote);
    }

    public Optional<Integer> optionalNext() {
        return Optional.ofNullable(next);
    }
}
