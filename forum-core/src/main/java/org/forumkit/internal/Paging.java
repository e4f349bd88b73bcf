package org.forumkit.internal;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.forumkit.ForumSettings;
import org.forumkit.ValidationException;
import org.forumkit.Violation;
import org.forumkit.model.Page;

/** Keyset paging of the queues, logs and listings: the size rule and the "is there a next page" read. */
final class Paging {
    private final int maxSize;

    Paging(ForumSettings settings) {
        this.maxSize = settings.maxPageSize();
    }

    /** Refuses a page size outside 1..{@link ForumSettings#maxPageSize()} before anything is read. */
    void requireSize(int size) {
        if (size < 1 || size > maxSize) {
            throw new ValidationException(List.of(Violation.of("size", "out_of_range", maxSize)));
        }
    }

    /**
     * Reads one row more than {@code size} to learn whether a next page exists, without a count: the page is the
     * first {@code size} rows, and its cursor that of the last of them when more follow.
     */
    static <T, C> Page<T, C> read(int size, IntFunction<List<T>> read, Function<T, C> cursor) {
        List<T> rows = read.apply(size + 1);
        C next = rows.size() > size ? cursor.apply(rows.get(size - 1)) : null;
        return Page.of(rows.subList(0, Math.min(size, rows.size())), next);
    }
}
