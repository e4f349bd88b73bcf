package org.forumkit.spi.store;

import java.util.Objects;

/**
 * What an importer brought over: one record of a source system (e.g. {@code disqus}), of one kind, by the source's
 * own id. The import map keeps each key once, so a second run of an import finds what the first one wrote.
 *
 * @param source   the source system, 1..32 characters
 * @param kind     what the record became
 * @param sourceId the source's id of the record, 1..255 characters
 */
public record ImportKey(String source, Kind kind, String sourceId) {
    public static final int MAX_SOURCE_LENGTH = 32;
    public static final int MAX_SOURCE_ID_LENGTH = 255;

    /** What a source record became; the target id is a board, topic or post id (a vote maps to its post). */
    public enum Kind {
        BOARD,
        TOPIC,
        POST,
        VOTE
    }

    public ImportKey {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sourceId, "sourceId");
        if (source.isBlank() || source.length() > MAX_SOURCE_LENGTH) {
            throw new IllegalArgumentException("source must be 1.." + MAX_SOURCE_LENGTH + " non-blank characters, was '"
                    + source + "'");
        }
        if (sourceId.isEmpty() || sourceId.length() > MAX_SOURCE_ID_LENGTH) {
            throw new IllegalArgumentException("sourceId must be 1.." + MAX_SOURCE_ID_LENGTH + " characters, was '"
                    + sourceId + "'");
        }
    }

    @Override
    public String toString() {
        return source + "/" + kind + "/" + sourceId;
    }
}
