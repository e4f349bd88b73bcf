package org.forumkit.model;

import jakarta.validation.constraints.NotNull;

/**
 * Starts a topic with its opening post (floor 1).
 *
 * @param type        one of the board's topic types, or {@code null}
 * @param format      the body's markup; {@code null} for {@link ContentFormat#PLAIN}
 * @param externalKey the host page this topic holds the comments of (e.g. {@code article-42}), or {@code null};
 *                    unique within a board
 */
public record StartTopic(
        @NotNull BoardId boardId,
        @NotNull String title,
        String type,
        @NotNull String body,
        ContentFormat format,
        String externalKey) {

    public static StartTopic of(BoardId boardId, String title, String body) {
        return new StartTopic(boardId, title, null, body, null, null);
    }

    public StartTopic withType(String type) {
        return new StartTopic(boardId, title, type, body, format, externalKey);
    }

    public StartTopic withFormat(ContentFormat format) {
        return new StartTopic(boardId, title, type, body, format, externalKey);
    }

    public StartTopic forExternalKey(String externalKey) {
        return new StartTopic(boardId, title, type, body, format, externalKey);
    }
}
