package org.forumkit.internal;

import java.text.Normalizer;

/**
 * Unicode clean-up shared by every text field: NFC, control and bidi characters, lone surrogates, lengths in code
 * points. What comes out can be stored as UTF-8 by every supported database exactly as it is acknowledged.
 */
final class TextRules {
    private static final int REPLACEMENT = 0xFFFD;

    private TextRules() {
    }

    /** A one-line text (title, name, display name, type): NFC, no controls or bidi formatting, spaces folded. */
    static String line(String raw) {
        String nfc = Normalizer.normalize(raw, Normalizer.Form.NFC);
        if (isCleanLine(nfc)) {
            return nfc; // a name given clean (most are): not copied
        }
        StringBuilder out = new StringBuilder(nfc.length());
        boolean space = false;
        for (int i = 0; i < nfc.length(); ) {
            int cp = nfc.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = out.length() > 0;
                continue;
            }
            if (isControl(cp) || isBidiFormatting(cp)) {
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.appendCodePoint(storable(cp));
        }
        return out.toString();
    }

    /** Whether {@link #line} keeps {@code nfc} as it is: single spaces between words only, nothing removed. */
    private static boolean isCleanLine(String nfc) {
        boolean space = true; // no space first
        for (int i = 0; i < nfc.length(); ) {
            int cp = nfc.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                if (cp != ' ' || space) {
                    return false;
                }
                space = true;
            } else if (isControl(cp) || isBidiFormatting(cp) || storable(cp) != cp) {
                return false;
            } else {
                space = false;
            }
        }
        return !space || nfc.isEmpty();
    }

    /** A multi-line text (body, description): NFC, line ends as {@code \n}, controls other than tab removed. */
    static String block(String raw) {
        String nfc = Normalizer.normalize(raw.replace("\r\n", "\n").replace('\r', '\n'), Normalizer.Form.NFC);
        if (isCleanBlock(nfc)) {
            return nfc;
        }
        StringBuilder out = new StringBuilder(nfc.length());
        for (int i = 0; i < nfc.length(); ) {
            int cp = nfc.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n' || cp == '\t' || !isControl(cp)) {
                out.appendCodePoint(storable(cp));
            }
        }
        return out.toString();
    }

    /** Whether {@link #block} keeps {@code nfc} as it is. */
    private static boolean isCleanBlock(String nfc) {
        for (int i = 0; i < nfc.length(); ) {
            int cp = nfc.codePointAt(i);
            i += Character.charCount(cp);
            if ((isControl(cp) && cp != '\n' && cp != '\t') || storable(cp) != cp) {
                return false;
            }
        }
        return true;
    }

    /** Whether nothing would show: only white space and invisible format characters (zero-width space, …). */
    static boolean isBlank(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp) && Character.getType(cp) != Character.FORMAT) {
                return false;
            }
        }
        return true;
    }

    static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** The first {@code max} code points of {@code text}. */
    static String cut(String text, int max) {
        return length(text) <= max ? text : text.substring(0, text.offsetByCodePoints(0, max));
    }

    /**
     * A lone surrogate has no UTF-8 form: PostgreSQL and MariaDB would store {@code ?} while the caller was told the
     * original was saved, so it becomes U+FFFD, the replacement character, before anything is stored or echoed.
     */
    private static int storable(int cp) {
        return Character.getType(cp) == Character.SURROGATE ? REPLACEMENT : cp;
    }

    private static boolean isControl(int cp) {
        return Character.getType(cp) == Character.CONTROL;
    }

    /** Embeddings, overrides, isolates and marks that can reorder text (the "Trojan Source" family). */
    private static boolean isBidiFormatting(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)
                || cp == 0x200E || cp == 0x200F || cp == 0x061C;
    }

    /**
     * White space folded to single spaces, with a map from each position of the folded text back to the raw
     * text, so an excerpt found in the folded text can be cut from the original with its line breaks.
     */
    record Folded(String text, int[] toRaw) {
        static Folded of(String raw) {
            StringBuilder out = new StringBuilder(raw.length());
            int[] map = new int[raw.length()];
            boolean space = false;
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                    space = out.length() > 0;
                    continue;
                }
                if (space) {
                    map[out.length()] = i - 1;
                    out.append(' ');
                    space = false;
                }
                map[out.length()] = i;
                out.append(c);
            }
            return new Folded(out.toString(), map);
        }

        /** The raw text behind {@code [start, end)} of the folded text. */
        String raw(String raw, int start, int end) {
            int from = toRaw[start];
            int to = toRaw[end - 1] + 1;
            return raw.substring(from, to);
        }
    }
}
