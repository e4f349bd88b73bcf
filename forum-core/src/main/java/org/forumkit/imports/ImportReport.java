package org.forumkit.imports;

import java.util.Locale;
import java.util.List;
import java.util.Map;
import org.forumkit.spi.store.ImportKey;

/**
 * What an import did (or, for a dry run, would have done): per kind how many records it added and how many were
 * there from an earlier run, and every record it merged or skipped, with why, and those imported with a caveat
 * ({@code notes}).
 */
public record ImportReport(boolean dryRun, Map<ImportKey.Kind, Long> added, Map<ImportKey.Kind, Long> existing,
        List<ImportNote> merged, List<ImportNote> skipped, List<ImportNote> notes) {
    public ImportReport {
        added = Map.copyOf(added);
        existing = Map.copyOf(existing);
        merged = List.copyOf(merged);
        skipped = List.copyOf(skipped);
        notes = List.copyOf(notes);
    }

    public long added(ImportKey.Kind kind) {
        return added.getOrDefault(kind, 0L);
    }

    public long existing(ImportKey.Kind kind) {
        return existing.getOrDefault(kind, 0L);
    }

    /** The skipped records with reason {@code reason}. */
    public List<ImportNote> skipped(String reason) {
        return skipped.stream().filter(n -> n.reason().equals(reason)).toList();
    }

    /** The records imported with caveat {@code reason}. */
    public List<ImportNote> notes(String reason) {
        return notes.stream().filter(n -> n.reason().equals(reason)).toList();
    }

    /** A few lines for a log or a console. */
    public String summary() {
        StringBuilder out = new StringBuilder(dryRun ? "dry run, nothing written\n" : "");
        for (ImportKey.Kind kind : ImportKey.Kind.values()) {
            out.append(String.format("%-6s added %d, already there %d%n", kind.name().toLowerCase(Locale.ROOT),
                    added(kind), existing(kind)));
        }
        out.append("merged ").append(merged.size()).append(", skipped ").append(skipped.size()).append(", notes ")
                .append(notes.size()).append('\n');
        for (ImportNote note : merged) {
            out.append("  merged  ").append(line(note)).append('\n');
        }
        for (ImportNote note : skipped) {
            out.append("  skipped ").append(line(note)).append('\n');
        }
        for (ImportNote note : notes) {
            out.append("  note    ").append(line(note)).append('\n');
        }
        return out.toString();
    }

    private static String line(ImportNote note) {
        return note.kind().name().toLowerCase(Locale.ROOT) + " " + note.sourceId() + " (" + note.reason()
                + (note.detail().isEmpty() ? "" : ": " + note.detail()) + ")";
    }
}
