package org.forumkit.internal;

import java.util.ArrayList;
import java.util.List;
import org.forumkit.internal.SearchAnalysis.Token;
import org.forumkit.render.Html;

/**
 * Where a query's phrases stand in a text, and the text shown for a hit: escaped first, then the phrases marked
 * with {@code <mark>}, so neither stored HTML nor an author's markup ever reaches a result page.
 */
final class SearchText {
    /** Code points of an excerpt. */
    static final int EXCERPT = 160;
    /** Code points of context kept before the first match in an excerpt. */
    private static final int LEAD = 40;

    private SearchText() {
    }

    /** A range of the original text, [start, end). */
    record Span(int start, int end) {
    }

    /** Every place in {@code text} where one of {@code phrases} occurs as consecutive tokens, in text order. */
    static List<Span> find(List<Token> text, List<List<String>> phrases) {
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            for (List<String> phrase : phrases) {
                if (startsAt(text, i, phrase)) {
                    spans.add(new Span(text.get(i).start(), text.get(i + phrase.size() - 1).end()));
                }
            }
        }
        spans.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start())
                : Integer.compare(b.end(), a.end()));
        List<Span> merged = new ArrayList<>();
        for (Span span : spans) {
            Span last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && span.start() <= last.end()) {
                merged.set(merged.size() - 1, new Span(last.start(), Math.max(last.end(), span.end())));
            } else {
                merged.add(span);
            }
        }
        return merged;
    }

    /** Whether every phrase occurs somewhere in the text. */
    static boolean containsAll(List<Token> text, List<List<String>> phrases) {
        for (List<String> phrase : phrases) {
            boolean found = false;
            for (int i = 0; i < text.size() && !found; i++) {
                found = startsAt(text, i, phrase);
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsAt(List<Token> text, int i, List<String> phrase) {
        if (phrase.isEmpty() || i + phrase.size() > text.size()) {
            return false;
        }
        for (int k = 0; k < phrase.size(); k++) {
            if (!text.get(i + k).term().equals(phrase.get(k))) {
                return false;
            }
        }
        return true;
    }

    /** The whole text, escaped, with the spans marked. */
    static String highlight(String text, List<Span> spans) {
        return marked(text, 0, text.length(), spans);
    }

    /**
     * About {@link #EXCERPT} code points of {@code text} from a little before the first span (the start when there
     * is none), escaped, with the spans marked, and an ellipsis where text is cut.
     */
    static String excerpt(String text, List<Span> spans) {
        int from = spans.isEmpty() ? 0 : back(text, spans.get(0).start(), LEAD);
        int to = forward(text, from, EXCERPT);
        // Never cut a marked span in two.
        for (Span span : spans) {
            if (span.start() < to && span.end() > to) {
                to = span.end();
            }
        }
        return (from > 0 ? "…" : "") + marked(text, from, to, spans) + (to < text.length() ? "…" : "");
    }

    private static String marked(String text, int from, int to, List<Span> spans) {
        StringBuilder out = new StringBuilder();
        int at = from;
        for (Span span : spans) {
            if (span.end() <= from || span.start() >= to) {
                continue;
            }
            int start = Math.max(span.start(), at);
            Html.escape(text.substring(at, start), out);
            out.append("<mark>");
            Html.escape(text.substring(start, Math.min(span.end(), to)), out);
            out.append("</mark>");
            at = Math.min(span.end(), to);
        }
        Html.escape(text.substring(at, to), out);
        return out.toString();
    }

    private static int back(String text, int index, int codePoints) {
        int i = index;
        for (int n = 0; n < codePoints && i > 0; n++) {
            i = text.offsetByCodePoints(i, -1);
        }
        return i;
    }

    private static int forward(String text, int index, int codePoints) {
        int i = index;
        for (int n = 0; n < codePoints && i < text.length(); n++) {
            i = text.offsetByCodePoints(i, 1);
        }
        return i;
    }
}
