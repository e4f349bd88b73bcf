package org.forumkit.imports;

import java.util.List;
import java.util.Objects;
import org.forumkit.model.BoardKind;

/**
 * A board of the source; {@code parentSourceId} names a board read before it, or is {@code null} for a top-level
 * one. A board whose slug exists already in the forum is used as it is (reported as merged).
 */
public record ImportBoard(String sourceId, String parentSourceId, BoardKind kind, String slug, String name,
        String description, int position, List<String> topicTypes) {
    public ImportBoard {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        topicTypes = List.copyOf(topicTypes);
    }
}
