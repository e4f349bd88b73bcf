package org.forumkit.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a cursor-paged list (a board's topics, a moderation or report queue, the audit log, a credit ledger):
 * its items in the list's order and the cursor to go on with {@link PageRequest#after(Object, int)}.
 *
 * @param <T>   what the list holds
 * @param <C>   the cursor type, a position in the list (an id, or a {@link TopicCursor})
 * @param next  the cursor of the next page, or {@code null} on the last page
 * @param total how many items the whole list holds, for lists that count them (the queues), or {@code null}
 */
public record Page<T, C>(List<T> items, C next, Long total) {
    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        if (total != null && total < items.size()) {
            throw new IllegalArgumentException("total " + total + " is less than the " + items.size()
                    + " items listed");
        }
    }

    /** A page of a list that is not counted. */
    public static <T, C> Page<T, C> of(List<T> items, C next) {
        return new Page<>(items, next, null);
    }

    public Optional<C> optionalNext() {
        return Optional.ofNullable(next);
    }

    public Optional<Long> optionalTotal() {
        return Optional.ofNullable(total);
    }
}
