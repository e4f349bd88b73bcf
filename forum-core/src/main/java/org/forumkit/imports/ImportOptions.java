package org.forumkit.imports;

import java.util.Objects;
import org.forumkit.model.BoardId;

/**
 * How to import: the board that threads without a source board go to, whether to only report (a dry run), how
 * source authors become host users, and whom to tell about progress.
 */
public record ImportOptions(BoardId board, boolean dryRun, AuthorMapping authors, ImportProgress progress) {
    public ImportOptions {
        Objects.requireNonNull(authors, "authors");
        Objects.requireNonNull(progress, "progress");
    }

    /** Into {@code board}, for real, with {@link AuthorMapping#stableIds()} and no progress display. */
    public static ImportOptions into(BoardId board) {
        return new ImportOptions(board, false, AuthorMapping.stableIds(), (done, expected) -> { });
    }

    public ImportOptions dryRun(boolean value) {
        return new ImportOptions(board, value, authors, progress);
    }

    public ImportOptions authors(AuthorMapping value) {
        return new ImportOptions(board, dryRun, value, progress);
    }

    public ImportOptions progress(ImportProgress value) {
        return new ImportOptions(board, dryRun, authors, value);
    }

    /** Told after each thread how many threads are done and how many the source announced (-1: unknown). */
    @FunctionalInterface
    public interface ImportProgress {
        void threads(long done, long expected);
    }
}
