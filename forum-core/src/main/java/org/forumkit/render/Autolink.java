package org.forumkit.render;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes plain text as escaped HTML with line breaks kept and bare {@code http(s)} URLs turned into links. */
final class Autolink {
    /** Finds URL candidates in text; ASCII only, so a URL ends where Chinese text or punctuation starts. */
    private static final Pattern URL = Pattern.compile("(?i)\\bhttps?://[\\x21-\\x7E&&[^<>\"'`\\\\\\[\\]{}|^]]+");
    private static final String TRAILING = ".,;:!?)'\"*_~";

    private Autolink() {
    }

    static void text(String text, StringBuilder out, Links links, boolean linkUrls) {
        if (!linkUrls) {
            lines(text, out);
            return;
        }
        Matcher m = URL.matcher(text);
        int at = 0;
        while (m.find()) {
            int end = m.end();
            while (end > m.start() && TRAILING.indexOf(text.charAt(end - 1)) >= 0
                    && !(text.charAt(end - 1) == ')' && balancedParen(text, m.start(), end))) {
                end--;
            }
            String url = text.substring(m.start(), end);
            var href = links.href(url);
            if (href.isEmpty()) {
                continue;
            }
            lines(text.substring(at, m.start()), out);
            out.append("<a href=\"");
            Html.escape(href.get(), out);
            out.append("\" rel=\"").append(Links.REL).append("\">");
            Html.escape(url, out);
            out.append("</a>");
            at = end;
        }
        lines(text.substring(at), out);
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

    private static void lines(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
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
