package org.forumkit.internal;

/**
 * HTML made only of text, {@code <br>} and paragraphs ({@code <p>…</p>}) of those: what a PLAIN, BBCODE or MARKDOWN
 * reply of a few lines without links, markup or escaped characters renders to. jsoup's cleaner
 * gives such HTML back unchanged and its text is the paragraphs' text joined by spaces, so both the cleaning and
 * the search text of most replies need no parse. Anything else (another tag, an attribute, an entity, a character
 * jsoup would escape, drop or change) is not simple and goes through jsoup as before.
 */
public final class SimpleHtml {
    private SimpleHtml() {
    }

    /**
     * Whether {@code html} is simple: {@link #isText text characters}, {@code <br>} and paragraphs of those, not
     * nested, each closed.
     */
    public static boolean isSimple(String html) {
        boolean inParagraph = false;
        int n = html.length();
        int i = 0;
        while (i < n) {
            char c = html.charAt(i);
            if (c != '<') {
                if (!isText(c)) {
                    return false;
                }
                i++;
            } else if (html.startsWith("<br>", i)) {
                i += 4;
            } else if (!inParagraph && html.startsWith("<p>", i)) {
                inParagraph = true;
                i += 3;
            } else if (inParagraph && html.startsWith("</p>", i)) {
                inParagraph = false;
                i += 4;
            } else {
                return false;
            }
        }
        return !inParagraph;
    }

    /**
     * A character jsoup parses and writes back as itself in text, and that is no markup: none of {@code < > & " '},
     * no control character but tab and line feed, no surrogate (so no code point outside the BMP: jsoup escapes
     * some of those), none of the invisible characters jsoup's text drops (soft hyphen, zero-width space), no
     * no-break space (written {@code &nbsp;}), byte-order mark or noncharacter.
     */
    static boolean isText(char c) {
        if (c >= 0x20 && c < 0x7F) {
            return c != '<' && c != '>' && c != '&' && c != '"' && c != '\'';
        }
        if (c == '\n' || c == '\t') {
            return true;
        }
        if (c < 0xA0) {
            return false; // C0 and C1 controls, DEL
        }
        return c != 0xA0 && c != 0xAD && c != 0x200B && c != 0xFEFF && c != 0xFFFE && c != 0xFFFF
                && !Character.isSurrogate(c);
    }

    /**
     * The text of simple {@code html} as jsoup's {@code Element.text()} gives it: paragraphs' edges and line breaks as
     * one space, runs of white space as one space, trimmed.
     */
    public static String text(String html) {
        StringBuilder out = new StringBuilder(html.length());
        boolean space = false;
        int n = html.length();
        for (int i = 0; i < n; i++) {
            char c = html.charAt(i);
            if (c == '<') {
                i = html.indexOf('>', i);
                space = true;
            } else if (c == ' ' || c == '\t' || c == '\n') {
                space = true;
            } else {
                if (space && out.length() > 0) {
                    out.append(' ');
                }
                space = false;
                out.append(c);
            }
        }
        return out.toString();
    }
}
