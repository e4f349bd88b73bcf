package org.forumkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import org.forumkit.ForumException;
import org.forumkit.ForumSettings;
import org.forumkit.Imports;
import org.forumkit.PermissionDeniedException;
import org.forumkit.imports.ImportBoard;
import org.forumkit.imports.ImportOptions;
import org.forumkit.imports.ImportReport;
import org.forumkit.imports.ImportSink;
import org.forumkit.imports.ImportSource;
import org.forumkit.imports.ImportThread;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.DenialReason;
import org.forumkit.model.Viewer;
import org.forumkit.spi.CensorPolicy;
import org.forumkit.spi.ContentRenderer;
import org.forumkit.spi.store.DuplicateKeyException;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.ImportKey;
import org.forumkit.spi.store.StoreTransaction;

/**
 * Runs imports: each board and each thread in a transaction of its own (so a crash keeps what committed and a
 * rerun resumes), or everything in one transaction rolled back at the end for a dry run. Goes around the write
 * pipeline on purpose: no flood control, no credits, no events; the store's primitives keep the counters.
 */
final class ImportService implements Imports {
    /** Keys a concurrent run of the same import can take first; the unit then runs again and finds them. */
    private static final Set<String> RACED_KEYS = Set.of(DuplicateKeyException.IMPORT_KEY,
            DuplicateKeyException.TOPIC_EXTERNAL_KEY, DuplicateKeyException.BOARD_SLUG);

    private final ForumStore store;
    private final ForumSettings settings;
    private final CensorPolicy censorPolicy;
    private final Map<ContentFormat, ContentRenderer> renderers;
    private final ForumClock clock;
    private final SearchIndexing indexing;

    ImportService(ForumStore store, ForumSettings settings, CensorPolicy censorPolicy,
            Map<ContentFormat, ContentRenderer> renderers, ForumClock clock, SearchIndexing indexing) {
        this.store = store;
        this.settings = settings;
        this.censorPolicy = censorPolicy;
        this.renderers = renderers;
        this.clock = clock;
        this.indexing = indexing;
    }

    @Override
    public ImportReport run(Viewer admin, ImportSource source, ImportOptions options) {
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options");
        if (!admin.hasRole(settings.adminRole())) {
            throw new PermissionDeniedException(DenialReason.NOT_ALLOWED, "only admins import");
        }
        // validates the name as the import map will store it
        new ImportKey(source.system(), ImportKey.Kind.BOARD, "-");
        ImportWriter writer = new ImportWriter(source.system(), options, renderers, settings,
                new ImportText(settings, censorPolicy), clock.now(), indexing);
        if (!options.dryRun()) {
            ImportTally total = new ImportTally();
            read(source, new Sink(writer, total, options, this::unit));
            return total.report(false);
        }
        try {
            store.inTransaction(tx -> {
                // a fresh tally per attempt, as in unit(): the store may run this work again after a conflict
                ImportTally total = new ImportTally();
                read(source, new Sink(writer, total, options, (work, tally) -> work.accept(tx, tally)));
                throw new DryRunDone(total);
            });
            throw new IllegalStateException("a dry run committed");
        } catch (DryRunDone done) {
            // rolled back, as a dry run must be
            return done.tally.report(true);
        }
    }

    private static void read(ImportSource source, ImportSink sink) {
        try {
            source.read(sink);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + source.system() + " source: " + e.getMessage(), e);
        }
    }

    /** One board or thread in a transaction of its own; its counts join the total only once it committed. */
    private void unit(BiConsumer<StoreTransaction, ImportTally> work, ImportTally total) {
        for (int attempt = 0; ; attempt++) {
            try {
                // a fresh tally per attempt: the store may run the work again after a conflict (a deadlock, a
                // Galera certification failure), and only the attempt that committed may count
                ImportTally committed = store.inTransaction(tx -> {
                    ImportTally tally = new ImportTally();
                    work.accept(tx, tally);
                    return tally;
                });
                total.addAll(committed);
                return;
            } catch (DuplicateKeyException e) {
                if (attempt > 0 || !RACED_KEYS.contains(e.key())) {
                    throw e;
                }
            }
        }
    }

    /** Runs a unit of work with its tally; how depends on whether the import is a dry run. */
    @FunctionalInterface
    private interface Units {
        void run(BiConsumer<StoreTransaction, ImportTally> work, ImportTally total);
    }

    private static final class Sink implements ImportSink {
        private final ImportWriter writer;
        private final ImportTally total;
        private final ImportOptions options;
        private final Units units;
        private long expected = -1;
        private long done;

        Sink(ImportWriter writer, ImportTally total, ImportOptions options, Units units) {
            this.writer = writer;
            this.total = total;
            this.options = options;
            this.units = units;
        }

        @Override
        public void expect(long threads) {
            expected = threads;
        }

        @Override
        public void board(ImportBoard board) {
            guarded(ImportKey.Kind.BOARD, board.sourceId(), (tx, tally) -> writer.board(tx, board, tally));
        }

        @Override
        public void thread(ImportThread thread) {
            guarded(ImportKey.Kind.TOPIC, thread.sourceId(), (tx, tally) -> writer.thread(tx, thread, tally));
            options.progress().threads(++done, expected);
        }

        /** A record the forum refuses is skipped, its transaction rolled back, and the import goes on. */
        private void guarded(ImportKey.Kind kind, String sourceId, BiConsumer<StoreTransaction, ImportTally> work) {
            try {
                units.run(work, total);
            } catch (ForumException | IllegalArgumentException e) {
                total.skipped(kind, sourceId, "refused", e.getMessage());
            }
        }

        @Override
        public void skipped(ImportKey.Kind kind, String sourceId, String reason, String detail) {
            total.skipped(kind, sourceId, reason, detail);
        }

        @Override
        public void noted(ImportKey.Kind kind, String sourceId, String reason, String detail) {
            total.noted(kind, sourceId, reason, detail);
        }

        @Override
        public void merged(ImportKey.Kind kind, String sourceId, String intoSourceId, String detail) {
            total.merged(kind, sourceId, "duplicate", "into " + intoSourceId + (detail == null || detail.isEmpty() ? "" : ": " + detail));
        }
    }

    /** Ends a dry run's transaction so that it rolls back. */
    private static final class DryRunDone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final transient ImportTally tally;

        DryRunDone(ImportTally tally) {
            super(null, null, false, false);
            this.tally = tally;
        }
    }
}
