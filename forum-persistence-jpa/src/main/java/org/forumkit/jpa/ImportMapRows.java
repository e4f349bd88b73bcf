package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.forumkit.spi.store.DuplicateKeyException;
import org.forumkit.spi.store.ImportKey;
import org.forumkit.spi.store.ImportMap;

/** The import map rows ({@code fk_import_map}); the primary key is what keeps two runs from importing twice. */
final class ImportMapRows extends Rows implements ImportMap {
    private final Runnable checkWritable;

    ImportMapRows(EntityManager em, Runnable checkWritable) {
        super(em);
        this.checkWritable = checkWritable;
    }

    @Override
    public Optional<Long> target(ImportKey key) {
        Objects.requireNonNull(key, "key");
        ImportMapEntity row = detach(em.find(ImportMapEntity.class,
                new ImportMapEntity.Key(key.source(), key.kind().name(), key.sourceId())));
        return Optional.ofNullable(row).map(r -> r.targetId);
    }

    @Override
    public void record(ImportKey key, long targetId, Instant at) {
        checkWritable.run();
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(at, "at");
        if (target(key).isPresent()) {
            throw DuplicateKeyException.importKey(key, null);
        }
        ImportMapEntity row = new ImportMapEntity(key.source(), key.kind().name(), key.sourceId(), targetId, micros(at));
        try {
            em.persist(row);
            em.flush();
        } catch (PersistenceException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw DuplicateKeyException.importKey(key, e);
            }
            throw e;
        }
        detach(row);
    }
}
