package org.forumkit.examples.web;

import java.util.Locale;
import org.forumkit.examples.QueryCounter;

/**
 * The footer's "generated in … s, N queries": measured when the template writes it (Mustache calls
 * {@link #toString()} there), so it covers the controller and the rendering above it.
 */
public final class Footer {
    private final Texts texts;
    private final Locale locale;
    private final long startedNanos;
    private final QueryCounter queries;

    Footer(Texts texts, Locale locale, long startedNanos, QueryCounter queries) {
        this.texts = texts;
        this.locale = locale;
        this.startedNanos = startedNanos;
        this.queries = queries;
    }

    @Override
    public String toString() {
        String seconds = String.format(Locale.ROOT, "%.6f", (System.nanoTime() - startedNanos) / 1e9);
        int count = queries.count();
        return count < 0 ? texts.text(locale, "footer.generatedNoSql", seconds)
                : texts.text(locale, "footer.generated", seconds, String.valueOf(count));
    }
}
