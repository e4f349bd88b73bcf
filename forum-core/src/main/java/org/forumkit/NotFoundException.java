package org.forumkit;

/** The board, topic or post asked for does not exist (or the viewer may not know it does). */
public class NotFoundException extends ForumException {
    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String key;

    public NotFoundException(String kind, Object key) {
        super(kind + " " + key + " not found");
        this.kind = kind;
        this.key = String.valueOf(key);
    }

    /** What was looked for: {@code board}, {@code topic}, {@code post}, … */
    public String kind() {
        return kind;
    }

    /** The id or key looked for. */
    public String key() {
        return key;
    }
}
