package org.forumkit.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A row of {@code fk_import_map}: the id one imported source record got. */
@Entity(name = "ForumkitImportMap")
@Table(name = "fk_import_map")
@IdClass(ImportMapEntity.Key.class)
class ImportMapEntity {
    @Id
    @Column(name = "source", length = 32)
    String source;
    @Id
    @Column(name = "kind", length = 16)
    String kind;
    @Id
    @Column(name = "source_id", length = 255)
    String sourceId;
    @Column(name = "target_id", nullable = false)
    long targetId;
    @Column(name = "imported_at", nullable = false)
    Instant importedAt;

    protected ImportMapEntity() {
    }

    ImportMapEntity(String source, String kind, String sourceId, long targetId, Instant importedAt) {
        this.source = source;
        this.kind = kind;
        this.sourceId = sourceId;
        this.targetId = targetId;
        this.importedAt = importedAt;
    }

    /** The primary key (source, kind, source id). */
    static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String source;
        String kind;
        String sourceId;

        protected Key() {
        }

        Key(String source, String kind, String sourceId) {
            this.source = source;
            this.kind = kind;
            this.sourceId = sourceId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.source, source) && Objects.equals(k.kind, kind)
                    && Objects.equals(k.sourceId, sourceId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(source, kind, sourceId);
        }
    }
}
