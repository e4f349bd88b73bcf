package org.forumkit.internal;

import java.util.List;
import java.util.function.Function;
import org.forumkit.model.Page;

/** Cuts a {@link Page} out of the {@code size + 1} rows a store returned: the extra row only says that more follow. */
final class Paging {
    private Paging() {
    }

    static <T, C> Page<T, C> page(List<T> rows, int size, Function<T, C> cursor, Long total) {
        C next = rows.size() > size ? cursor.apply(rows.get(size - 1)) : null;
        return new Page<>(rows.subList(0, Math.min(size, rows.size())), next, total);
    }
}
