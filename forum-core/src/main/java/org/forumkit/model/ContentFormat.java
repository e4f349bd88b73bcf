package org.forumkit.model;

import java.util.Objects;
import java.util.regex.Pattern;

/** The markup a post body is written in. Hosts may register renderers for formats of their own. */
public record ContentFormat(String name) {
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

    public static final ContentFormat PLAIN = new ContentFormat("PLAIN");
    public static final ContentFormat BBCODE = new ContentFormat("BBCODE");
    public static final ContentFormat MARKDOWN = new ContentFormat("MARKDOWN");

    public ContentFormat {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("format name must match " + NAME + ", was '" + name + "'");
        }
    }

    public static ContentFormat of(String name) {
        return new ContentFormat(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
