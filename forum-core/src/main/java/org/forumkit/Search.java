package org.forumkit;

import java.util.Optional;
import java.util.function.Consumer;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
import org.forumkit.model.PostId;
import org.forumkit.model.SearchQuery;
import org.forumkit.model.SearchCursor;
import org.forumkit.model.SearchHit;
import org.forumkit.model.Viewer;

/** Full-text search over titles and posts, in Chinese, English and mixed text, and the rebuild of its index. */
public interface Search {

    /**
     * One page of the posts matching {@code query} that the viewer may read, re-checked one by one with the normal
     * read rules (at most 50 a page). A page may hold fewer hits than asked and still have a next one. A query that
     * is empty, too long or has no searchable word is a {@link ValidationException}; too many searches in a short
     * time a {@link RateLimitedException}.
     */
    Page<SearchHit, SearchCursor> find(Viewer viewer, SearchQuery query, PageRequest<SearchCursor> request);

    /**
     * Rebuilds the index of every post after {@code after} (all when empty), {@code batchSize} posts per transaction,
     * reporting after each batch; stopping and calling again with the last reported post resumes. Returns the
     * number of posts indexed.
     */
    long reindex(Optional<PostId> after, int batchSize, Consumer<ReindexProgress> progress);

    /** Where a re-index stands: posts done so far in this call and the last post indexed (the resume point). */
    record ReindexProgress(long indexed, PostId lastPost) {
    }
}
