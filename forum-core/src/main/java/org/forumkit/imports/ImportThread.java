package org.forumkit.imports;

import java.util.List;
import java.util.Objects;

/**
 * A source thread with all of its posts: it is imported in one transaction, so it is in the forum whole or not
 * at all. The first post (lowest floor, else the oldest without a parent) opens the topic. {@code boardSourceId}
 * names an {@link ImportBoard} ({@code null}: the import's target board); {@code externalKey} is the host's page
 * key ({@code null}: none); an existing topic with that key gets the posts appended (reported as merged).
 */
public record ImportThread(String sourceId, String boardSourceId, String externalKey, String title, String type,
        long views, int pinLevel, boolean locked, List<ImportPost> posts) {
    public ImportThread {
        Objects.requireNonNull(sourceId, "sourceId");
        title = title == null ? "" : title.strip();
        posts = List.copyOf(posts);
        if (views < 0) {
            throw new IllegalArgumentException("views must be >= 0, was " + views);
        }
    }
}
