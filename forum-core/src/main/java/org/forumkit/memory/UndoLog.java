package org.forumkit.memory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The changes of one transaction of {@link InMemoryForumStore}, each made together with the step that takes it
 * back; {@link #rollback()} runs those steps newest first, which restores the store as it was.
 */
final class UndoLog {
    private final List<Runnable> steps = new ArrayList<>();

    /** Sets (or, for a {@code null} value, removes) an entry. */
    <K, V> void put(Map<K, V> map, K key, V value) {
        V before = value == null ? map.remove(key) : map.put(key, value);
        steps.add(() -> {
            if (before == null) {
                map.remove(key);
            } else {
                map.put(key, before);
            }
        });
    }

    /** The entry of {@code key}; a missing one is created from {@code empty} first. */
    <K, V> V child(Map<K, V> map, K key, Supplier<V> empty) {
        V existing = map.get(key);
        if (existing != null) {
            return existing;
        }
        V created = empty.get();
        put(map, key, created);
        return created;
    }

    /** Adds an element to a set, or to the end of a list. */
    <E> void add(Collection<E> elements, E element) {
        elements.add(element);
        if (elements instanceof List<E> list) {
            steps.add(() -> list.remove(list.size() - 1));
        } else {
            steps.add(() -> elements.remove(element));
        }
    }

    /** Removes an element from a set. */
    <E> void remove(Collection<E> elements, E element) {
        if (elements.remove(element)) {
            steps.add(() -> elements.add(element));
        }
    }

    void rollback() {
        for (int i = steps.size() - 1; i >= 0; i--) {
            steps.get(i).run();
        }
    }
}
