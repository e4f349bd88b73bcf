package org.forumkit.imports;

import org.forumkit.spi.store.ImportKey;

/**
 * What an {@link ImportSource} hands its records to, as it reads them: boards before the threads in them, each
 * thread whole; and what it left out or merged on the way, for the report.
 */
public interface ImportSink {

    /** Announces how many threads will come, for progress and an ETA; optional. */
    default void expect(long threads) {
    }

    void board(ImportBoard board);

    void thread(ImportThread thread);

    /** A source record left out, with a reason code (e.g. {@code spam}, {@code orphan}) and a readable detail. */
    void skipped(ImportKey.Kind kind, String sourceId, String reason, String detail);

    /** A source record imported with a caveat (e.g. {@code date_guessed}), for the report. */
    void noted(ImportKey.Kind kind, String sourceId, String reason, String detail);

    /** A source record folded into another one ({@code intoSourceId}), e.g. a duplicate thread of one page. */
    void merged(ImportKey.Kind kind, String sourceId, String intoSourceId, String detail);
}
