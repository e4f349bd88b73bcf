package org.forumkit.spi.store;

import org.forumkit.StateConflictException;
import org.forumkit.model.BoardId;
import org.forumkit.model.PostId;

/**
 * A store refused a write because a unique key is taken; {@link #key()} names it, e.g. {@link #BOARD_SLUG}. The
 * factories give every store the same key names and messages. The same write fails again, so it is a state
 * conflict; the forum turns the keys a user chooses into validation errors.
 */
public class DuplicateKeyException extends StateConflictException {
    private static final long serialVersionUID = 1L;

    /** A board's slug is unique. */
    public static final String BOARD_SLUG = "board.slug";
    /** A topic's external key is unique within its board. */
    public static final String TOPIC_EXTERNAL_KEY = "topic.externalKey";
    /** A post keeps each revision once. */
    public static final String POST_REVISION = "post.revision";
    /** The import map keeps each (source, kind, source id) once. */
    public static final String IMPORT_KEY = "import.key";

    private final String key;

    public DuplicateKeyException(String key, String message) {
        super(message);
        this.key = key;
    }

    public DuplicateKeyException(String key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    /** {@link #BOARD_SLUG} is taken; {@code cause} is the database's error, or {@code null}. */
    public static DuplicateKeyException boardSlug(String slug, Throwable cause) {
        return new DuplicateKeyException(BOARD_SLUG, "a board with slug '" + slug + "' exists", cause);
    }

    /** {@link #TOPIC_EXTERNAL_KEY} is taken in {@code board}; {@code cause} is the database's error, or {@code null}. */
    public static DuplicateKeyException topicExternalKey(BoardId board, String externalKey, Throwable cause) {
        return new DuplicateKeyException(TOPIC_EXTERNAL_KEY, "board " + board + " has a topic for '" + externalKey + "'",
                cause);
    }

    /** {@link #POST_REVISION} is kept already; {@code cause} is the database's error, or {@code null}. */
    public static DuplicateKeyException postRevision(PostId post, int revision, Throwable cause) {
        return new DuplicateKeyException(POST_REVISION, "post " + post + " already keeps revision " + revision, cause);
    }

    /** {@link #IMPORT_KEY} is mapped already; {@code cause} is the database's error, or {@code null}. */
    public static DuplicateKeyException importKey(ImportKey key, Throwable cause) {
        return new DuplicateKeyException(IMPORT_KEY, "import record " + key + " is mapped already", cause);
    }

    public String key() {
        return key;
    }
}
