package org.forumkit.imports;

/**
 * An author as the source knows them: the source's user id ({@code null} for a guest) and the name shown there
 * (blank when the source has none).
 */
public record ImportAuthor(String sourceId, String name) {
    public ImportAuthor {
        if (sourceId != null && sourceId.isBlank()) {
            sourceId = null;
        }
        name = name == null ? "" : name.strip();
    }
}
