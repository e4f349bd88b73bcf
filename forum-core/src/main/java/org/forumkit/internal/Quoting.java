package org.forumkit.internal;

import org.forumkit.model.Post;
import org.forumkit.model.Quote;

/** Builds quote snapshots from the stored source, never from text the client sent. */
final class Quoting {
    private Quoting() {
    }

    /**
     * The snapshot of {@code source}: the whole body, or the part of it that {@code excerpt} names (found with
     * runs of white space folded, then cut from the source with its own line breaks). Adds a violation and
     * returns {@code null} when the excerpt does not occur in the source.
     */
    static Quote snapshot(Post source, String excerpt, int maxLength, Checks checks, String field) {
        String text;
        if (excerpt == null) {
            text = source.body().strip();
        } else {
            TextRules.Folded body = TextRules.Folded.of(source.body());
            String wanted = TextRules.Folded.of(excerpt).text();
            int at = wanted.isEmpty() ? -1 : body.text().indexOf(wanted);
            if (at < 0) {
                checks.add(field, "excerpt_not_in_source");
                return null;
            }
            text = body.raw(source.body(), at, at + wanted.length());
        }
        boolean truncated = TextRules.length(text) > maxLength;
        return new Quote(source.id(), source.floor(), source.author(), source.createdAt(), source.revision(),
                truncated ? TextRules.cut(text, maxLength) : text, excerpt == null, truncated);
    }
}
