package org.forumkit.spi.store;

import java.time.Instant;
import java.util.Optional;

/**
 * The import map of a store, reached through {@link StoreTransaction#importMap()}: which id each imported source
 * record got. It is only ever added to, inside the transaction that writes the record, so the map and the data
 * never disagree and a crashed import resumes where its last commit left it.
 */
public interface ImportMap {

    /** The id the record of {@code key} got, when it was imported before. */
    Optional<Long> target(ImportKey key);

    /**
     * Records that the record of {@code key} became {@code targetId}. Throws {@link DuplicateKeyException}
     * ({@link DuplicateKeyException#IMPORT_KEY}) when the key is mapped already, also by a concurrent import.
     */
    void record(ImportKey key, long targetId, Instant at);
}
