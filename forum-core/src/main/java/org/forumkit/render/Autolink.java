package org.forumkit.render;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes plain text as escaped HTML with line breaks kept and bare {@code http(s)} URLs turned into links. */
final class Autolink {
    /** Finds URL candidates in text; ASCII only, so a URL ends where Chinese text or punctuation starts. */
    private static final Pattern URL = Pattern.compile("(?i)\\bhttps?://[\\x21-\\x7E&&[^<>\"'`\\\\\\[\\]{}|^]]+");
    private static final String TRAILING = ".,;:!?)'\"*_~";

    private Autolink() {
    }

    /** A URL found in text: its range and the checked {@code href}. */
    record Found(int start, int end, String href) {
    }

    /** The allowed URLs in {@code text}, in order, with trailing punctuation left out. */
    static List<Found> find(String text, Links links) {
        if (!text.contains("://")) {
            return List.of(); // no URL can match: no matcher, no list
        }
        List<Found> found = new ArrayList<>();
        Matcher m = URL.matcher(text);
        while (m.find()) {
            int end = m.end();
            while (end > m.start() && TRAILING.indexOf(text.charAt(end - 1)) >= 0
                    && !(text.charAt(end - 1) == ')' && balancedParen(text, m.start(), end))) {
                end--;
            }
            int start = m.start();
            int stop = end;
            links.href(text.substring(start, stop)).ifPresent(href -> found.add(new Found(start, stop, href)));
        }
        return found;
    }

    static void text(String text, StringBuilder out, Links links, boolean linkUrls) {
        if (!linkUrls) {
            lines(text, 0, text.length(), out);
            return;
        }
        int at = 0;
        for (Found url : find(text, links)) {
            lines(text, at, url.start(), out);
            out.append("<a href=\"");
            Html.escape(url.href(), out);
            out.append("\" rel=\"").append(Links.REL).append("\">");
            Html.escape(text.substring(url.start(), url.end()), out);
            out.append("</a>");
            at = url.end();
        }
        lines(text, at, text.length(), out);
    }

    /** Whether the URL ending at {@code end} (a ')') has as many '(' as ')', like a Wikipedia link. */
    private static boolean balancedParen(String text, int start, int end) {
        int depth = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        }
        return depth == 0;
    }

    /**
     * The source without explicit bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they
     * can make text (or code) display differently from what it is, and reach past the post into the page.
     * Ordinary right-to-left text needs none of them.
     */
    static String withoutBidiControls(String source) {
        for (int i = 0; i < source.length(); i++) {
            if (isBidiControl(source.charAt(i))) {
                StringBuilder out = new StringBuilder(source.length());
                for (int k = 0; k < source.length(); k++) {
                    if (!isBidiControl(source.charAt(k))) {
                        out.append(source.charAt(k));
                    }
                }
                return out.toString();
            }
        }
        return source;
    }

    private static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    private static void lines(String text, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("<br>");
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }
}
