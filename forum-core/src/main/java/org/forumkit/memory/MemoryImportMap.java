package org.forumkit.memory;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.forumkit.spi.store.DuplicateKeyException;
import org.forumkit.spi.store.ImportKey;
import org.forumkit.spi.store.ImportMap;
import org.forumkit.spi.store.TransactionNesting;

/** The import map of an {@link InMemoryForumStore}: one map in {@link Tables}, changes through the undo log. */
final class MemoryImportMap implements ImportMap {
    private final Tables db;
    private final UndoLog log;
    private final boolean writable;

    MemoryImportMap(Tables db, UndoLog log, boolean writable) {
        this.db = db;
        this.log = log;
        this.writable = writable;
    }

    @Override
    public Optional<Long> target(ImportKey key) {
        return Optional.ofNullable(db.imports.get(Objects.requireNonNull(key, "key")));
    }

    @Override
    public void record(ImportKey key, long targetId, Instant at) {
        TransactionNesting.checkWritable(writable);
        Objects.requireNonNull(at, "at");
        if (db.imports.containsKey(Objects.requireNonNull(key, "key"))) {
            throw DuplicateKeyException.importKey(key, null);
        }
        log.put(db.imports, key, targetId);
    }
}
