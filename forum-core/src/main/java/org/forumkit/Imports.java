package org.forumkit;

import org.forumkit.imports.ImportOptions;
import org.forumkit.imports.ImportReport;
import org.forumkit.imports.ImportSource;
import org.forumkit.model.Viewer;

/**
 * Brings a site's history into the forum: boards, topics, posts on their floors with quotes, votes, views and
 * states, with the original authors and times. Each thread is one transaction through the store's own write
 * primitives, so counters and every invariant hold; nothing is deleted or overwritten, and a second run adds only
 * what is new. An import publishes no events (so no notification mail) and awards no credits.
 */
public interface Imports {

    /**
     * Imports {@code source} as {@code admin} (who must have the admin role); returns the report. A source that
     * cannot be read throws {@link java.io.UncheckedIOException} after the threads read so far are committed.
     */
    ImportReport run(Viewer admin, ImportSource source, ImportOptions options);
}
