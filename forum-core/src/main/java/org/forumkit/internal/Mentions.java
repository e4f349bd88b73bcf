package org.forumkit.internal;

import java.lang.Character.UnicodeScript;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds {@code @name} mentions in a post's text without building any pattern from it: NFKC first (full-width
 * {@code ＠} becomes {@code @}), code and quoted text left out, an {@code @} after a Latin letter or digit is no
 * mention ({@code a@b.com}), and each mention offers the names it could be, longest first, for the directory to
 * resolve: in Chinese text a name may run into the next word ({@code @张三你好} is 张三 when no 张三你好 exists).
 */
final class Mentions {
    /** The longest name looked up, in code points. */
    static final int MAX_NAME = 32;

    // fixed patterns, never built from the text: fenced and inline code, BBCode code and quotes, Markdown quote lines
    private static final Pattern LEFT_OUT = Pattern.compile(
            "(?s)```.*?(```|\\z)|`[^`\\n]*`|\\[code\\].*?(\\[/code\\]|\\z)|\\[quote[^\\]]*\\].*?(\\[/quote\\]|\\z)"
                    + "|(?m)^[ \\t]*>[^\\n]*", Pattern.CASE_INSENSITIVE);

    private Mentions() {
    }

    /** For each of the first {@code maxMentions} mentions, the names it could be, longest first. */
    static List<List<String>> candidates(String text, int maxMentions) {
        String plain = LEFT_OUT.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC)).replaceAll(" ");
        int[] cps = plain.codePoints().toArray();
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < cps.length && out.size() < maxMentions; i++) {
            if (cps[i] != '@' || (i > 0 && Character.isLetterOrDigit(cps[i - 1]) && !isCjk(cps[i - 1]))) {
                continue;
            }
            int end = i + 1;
            while (end < cps.length && end - i - 1 < MAX_NAME && isNameChar(cps[end])) {
                end++;
            }
            List<String> names = new ArrayList<>();
            for (int stop = end; stop > i + 1; stop--) {
                int last = cps[stop - 1];
                boolean trailingPunctuation = last == '.' || last == '-';
                if (!trailingPunctuation && boundaryAfter(cps, stop, last)) {
                    names.add(new String(cps, i + 1, stop - i - 1));
                }
            }
            if (!names.isEmpty()) {
                out.add(names);
            }
            i = end - 1;
        }
        return out;
    }

    private static boolean isNameChar(int cp) {
        int type = Character.getType(cp);
        return Character.isLetterOrDigit(cp) || cp == '_' || cp == '.' || cp == '-'
                || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    /** A name ends before a non-name character, or between two CJK characters (no spaces between words there). */
    private static boolean boundaryAfter(int[] cps, int stop, int last) {
        if (stop >= cps.length) {
            return true;
        }
        int next = cps[stop];
        return !Character.isLetterOrDigit(next) || (isCjk(last) && isCjk(next));
    }

    private static boolean isCjk(int cp) {
        UnicodeScript script = UnicodeScript.of(cp);
        return script == UnicodeScript.HAN || script == UnicodeScript.HIRAGANA || script == UnicodeScript.KATAKANA
                || script == UnicodeScript.HANGUL;
    }
}
