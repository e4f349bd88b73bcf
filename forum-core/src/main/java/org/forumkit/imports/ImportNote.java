package org.forumkit.imports;

import java.util.Objects;
import org.forumkit.spi.store.ImportKey;

/**
 * One line of an {@link ImportReport}: a source record skipped or merged, with a reason code (e.g. {@code spam},
 * {@code orphan}, {@code floor_taken}, {@code duplicate_thread}) and a detail naming the source record.
 */
public record ImportNote(ImportKey.Kind kind, String sourceId, String reason, String detail) {
    public ImportNote {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail;
    }
}
