package org.forumkit.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.forumkit.imports.ImportNote;
import org.forumkit.imports.ImportReport;
import org.forumkit.spi.store.ImportKey.Kind;

/** The counts and notes of an import; one per transaction, added to the run's total only when it commits. */
final class ImportTally {
    private final Map<Kind, Long> added = new EnumMap<>(Kind.class);
    private final Map<Kind, Long> existing = new EnumMap<>(Kind.class);
    private final List<ImportNote> merged = new ArrayList<>();
    private final List<ImportNote> skipped = new ArrayList<>();
    private final List<ImportNote> notes = new ArrayList<>();

    void added(Kind kind) {
        added.merge(kind, 1L, Long::sum);
    }

    void existing(Kind kind) {
        existing.merge(kind, 1L, Long::sum);
    }

    void merged(Kind kind, String sourceId, String reason, String detail) {
        merged.add(new ImportNote(kind, sourceId, reason, detail));
    }

    void skipped(Kind kind, String sourceId, String reason, String detail) {
        skipped.add(new ImportNote(kind, sourceId, reason, detail));
    }

    void noted(Kind kind, String sourceId, String reason, String detail) {
        notes.add(new ImportNote(kind, sourceId, reason, detail));
    }

    void addAll(ImportTally other) {
        other.added.forEach((k, n) -> added.merge(k, n, Long::sum));
        other.existing.forEach((k, n) -> existing.merge(k, n, Long::sum));
        merged.addAll(other.merged);
        skipped.addAll(other.skipped);
        notes.addAll(other.notes);
    }

    ImportReport report(boolean dryRun) {
        return new ImportReport(dryRun, added, existing, merged, skipped, notes);
    }
}
