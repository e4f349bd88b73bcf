package org.forumkit.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Which page of a cursor-paged list to read: the first {@code size} items, or the {@code size} items after a
 * cursor (the previous page's {@link Page#next()}), in the list's own order (newest first for the audit log and
 * the credit ledger, oldest first for the queues).
 *
 * @param <C>   the cursor type of the list
 * @param after the position to go on after, or {@code null} for the first page
 * @param size  how many items at most; the forum also caps it at {@code ForumSettings.maxPageSize()}
 */
public record PageRequest<C>(C after, int size) {
    public PageRequest {
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1, was " + size);
        }
    }

    public static <C> PageRequest<C> first(int size) {
        return new PageRequest<>(null, size);
    }

    public static <C> PageRequest<C> after(C cursor, int size) {
        return new PageRequest<>(Objects.requireNonNull(cursor, "cursor"), size);
    }

    public Optional<C> optionalAfter() {
        return Optional.ofNullable(after);
    }
}
