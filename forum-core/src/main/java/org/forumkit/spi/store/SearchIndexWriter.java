package org.forumkit.spi.store;

import java.util.Collection;
import java.util.Map;
import org.forumkit.model.PostId;

/** The search index of a store inside a read-write transaction: a post's terms, written with the post. */
public interface SearchIndexWriter extends SearchIndexReader {

    /** Adds the terms of a post that has none yet (a post written in this transaction). */
    void add(PostId post, Collection<IndexedTerm> terms);

    /** Replaces whatever terms a post has with {@code terms} (an edit, a re-index). */
    void replace(PostId post, Collection<IndexedTerm> terms);

    /**
     * Replaces the terms of several posts at once (a re-index batch), as {@link #replace} does for each; a store
     * may write them in a few statements instead of one or more per post. A missing post fails the call.
     */
    default void replaceAll(Map<PostId, ? extends Collection<IndexedTerm>> terms) {
        terms.forEach(this::replace);
    }
}
