package org.forumkit;

import java.util.Locale;
import java.util.Objects;

/** The board, topic, post, report or ban asked for does not exist (or the viewer may not know it does). */
public class NotFoundException extends ForumException {
    private static final long serialVersionUID = 1L;

    /** What was looked for. */
    public enum Kind {
        BOARD, TOPIC, POST, REPORT, BAN;

        /** The kind in the exception's message: {@code board}, {@code topic}, … */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;
    private final String key;

    public NotFoundException(Kind kind, Object key) {
        super(Objects.requireNonNull(kind, "kind").label() + " " + key + " not found");
        this.kind = kind;
        this.key = String.valueOf(key);
    }

    public Kind kind() {
        return kind;
    }

    /** The id or key looked for. */
    public String key() {
        return key;
    }
}
