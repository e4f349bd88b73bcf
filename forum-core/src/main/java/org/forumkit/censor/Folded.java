package org.forumkit.censor;

import java.lang.Character.UnicodeScript;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The normalised copy of a text that words are matched in: NFKC (so full-width and half-width forms are equal),
 * case-folded, format characters (zero-width, bidi) dropped and separators (white space, punctuation, symbols)
 * dropped but remembered, with each char mapped back to the original range it came from.
 *
 * @param start     for each char, the first original index it came from
 * @param end       for each char, the original index after the characters it came from
 * @param separated for each char, whether a separator stood between it and the char before
 */
record Folded(String text, int[] start, int[] end, boolean[] separated) {

    static Folded of(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        int[] start = new int[raw.length() + 4];
        int[] end = new int[raw.length() + 4];
        boolean[] separated = new boolean[raw.length() + 4];
        boolean pendingSeparator = false;
        int i = 0;
        while (i < raw.length()) {
            // A base character with its combining marks, so NFKC can compose them as it would in the whole text.
            int from = i;
            i += Character.charCount(raw.codePointAt(i));
            while (i < raw.length() && isMark(raw.codePointAt(i))) {
                i += Character.charCount(raw.codePointAt(i));
            }
            String nfkc = Normalizer.normalize(raw.substring(from, i), Normalizer.Form.NFKC);
            for (int k = 0; k < nfkc.length(); ) {
                int cp = nfkc.codePointAt(k);
                k += Character.charCount(cp);
                if (isIgnored(cp)) {
                    continue;
                }
                if (isSeparator(cp)) {
                    pendingSeparator = true;
                    continue;
                }
                String folded = new String(Character.toChars(cp)).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
                for (int f = 0; f < folded.length(); f++) {
                    int at = out.length();
                    if (at >= start.length) {
                        start = java.util.Arrays.copyOf(start, at * 2);
                        end = java.util.Arrays.copyOf(end, at * 2);
                        separated = java.util.Arrays.copyOf(separated, at * 2);
                    }
                    out.append(folded.charAt(f));
                    start[at] = from;
                    end[at] = i;
                    separated[at] = pendingSeparator;
                    pendingSeparator = false;
                }
            }
        }
        int n = out.length();
        return new Folded(out.toString(), java.util.Arrays.copyOf(start, n), java.util.Arrays.copyOf(end, n),
                java.util.Arrays.copyOf(separated, n));
    }

    /**
     * Whether a match may start at {@code from} and end before {@code to}: a word that starts (ends) with a
     * letter or digit of a script written with spaces must not continue a longer word there, so {@code ad}
     * does not match inside "bad" while {@code 广告} matches anywhere in Chinese text.
     */
    boolean bounded(int from, int to) {
        boolean left = from == 0 || separated[from] || !needsBoundary(text.charAt(from))
                || !needsBoundary(text.charAt(from - 1));
        boolean right = to == text.length() || separated[to] || !needsBoundary(text.charAt(to - 1))
                || !needsBoundary(text.charAt(to));
        return left && right;
    }

    private static boolean needsBoundary(char c) {
        if (!Character.isLetterOrDigit(c)) {
            return false;
        }
        if (Character.isSurrogate(c)) {
            return false;
        }
        UnicodeScript script = UnicodeScript.of(c);
        return switch (script) {
            case HAN, HIRAGANA, KATAKANA, HANGUL, THAI, LAO, KHMER, MYANMAR, TIBETAN, BOPOMOFO, YI -> false;
            default -> true;
        };
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    /** Invisible characters (zero-width space/joiners, word joiner, BOM, bidi controls, soft hyphen, ...). */
    private static boolean isIgnored(int cp) {
        int type = Character.getType(cp);
        return type == Character.FORMAT || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
    }

    private static boolean isSeparator(int cp) {
        return switch (Character.getType(cp)) {
            case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.CONTROL, Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION,
                    Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL,
                    Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> Character.isWhitespace(cp);
        };
    }
}
