package org.forumkit.spi.store;

import java.util.List;
import java.util.Optional;
import org.forumkit.model.PostId;

/**
 * The search index of a store, as read: candidate posts for a set of analysed terms, filtered in the store. Core
 * analyses the text, re-checks every candidate with the normal read rules and builds the excerpts.
 */
public interface SearchIndexReader {

    /**
     * Up to {@code match.limit()} posts in state {@code VISIBLE} whose topic is in one of {@code match.boards()} and
     * that have every one of {@code match.terms()} (in the title when {@code match.titlesOnly()}), within the
     * match's author, topic and time filters, in {@code match.order()} after {@code match.after()} when present. An
     * index that keeps hashes of terms may also return a post whose terms only share a hash with the match's: core
     * checks every candidate's text before it becomes a hit, so such a post costs work, never a wrong result.
     */
    List<SearchCandidate> match(SearchMatch match);

    /** Up to {@code limit} posts of every state with their topic and board, in id order, after {@code after}. */
    List<PostInTopic> postsInIdOrder(Optional<PostId> after, int limit);
}
