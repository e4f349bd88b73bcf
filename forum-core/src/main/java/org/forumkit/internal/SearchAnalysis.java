package org.forumkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * The one text analysis of search, the same for posts and queries: text is normalised per character (NFKC, lower
 * case, invisible format characters and lone surrogates dropped) with a map back to the original offsets, then
 * Lucene's UAX#29 tokenizer cuts it into words; CJK runs become single characters plus overlapping bigrams
 * ({@link CJKBigramFilter}), so a one- or two-character query finds its characters anywhere in a sentence.
 */
final class SearchAnalysis {
    /** Longest term kept (code units); the index column holds this many. */
    static final int MAX_TERM = 64;
    /** Shortest term of a non-CJK script that is indexed and searched; CJK terms count from one character. */
    static final int MIN_WORD = 2;

    private static final int CJK = CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA
            | CJKBigramFilter.HANGUL;

    /** A token of the original text: its normalised term and where it stands in the text as given. */
    record Token(String term, int start, int end, boolean cjk) {
    }

    private final Analyzer words = analyzer(Mode.WORDS);
    private final Analyzer document = analyzer(Mode.DOCUMENT);
    private final Analyzer query = analyzer(Mode.QUERY);

    private enum Mode { WORDS, DOCUMENT, QUERY }

    /**
     * The text's tokens in order, CJK cut into single characters: the sequence a phrase must appear in, and what
     * highlighting marks.
     */
    List<Token> tokens(String text) {
        Normalized normalized = Normalized.of(text);
        List<Token> out = new ArrayList<>();
        run(words, normalized.text, (term, type, start, end) -> {
            boolean cjk = isCjkType(type);
            if (!cjk) {
                out.add(new Token(term, normalized.originalStart(start), normalized.originalEnd(end), false));
                return;
            }
            // A katakana or hangul run comes as one token: a phrase of single characters, as Han text is.
            for (int i = 0; i < term.length(); ) {
                int next = i + Character.charCount(term.codePointAt(i));
                out.add(new Token(term.substring(i, next), normalized.originalStart(start + i),
                        normalized.originalEnd(start + next), true));
                i = next;
            }
        });
        return out;
    }

    /** The index terms of a text with how often each occurs: CJK single characters and bigrams, words. */
    Map<String, Integer> documentTerms(String text) {
        Map<String, Integer> terms = new LinkedHashMap<>();
        run(document, Normalized.of(text).text, (term, type, start, end) -> {
            if (searchable(term, type)) {
                terms.merge(term, 1, Integer::sum);
            }
        });
        return terms;
    }

    /**
     * The terms a document must have to contain {@code phrase}: CJK bigrams (a lone CJK character as itself) and
     * words, without repeats; words shorter than {@link #MIN_WORD} are left out.
     */
    List<String> queryTerms(String phrase) {
        return queryTerms(phrase, MIN_WORD, 1);
    }

    /**
     * The same with raised minimums: words shorter than {@code minWord} and CJK terms shorter than {@code minCjk}
     * code points are left out (the index holds nothing shorter than {@link #MIN_WORD} and one CJK character).
     */
    List<String> queryTerms(String phrase, int minWord, int minCjk) {
        List<String> terms = new ArrayList<>();
        run(query, Normalized.of(phrase).text, (term, type, start, end) -> {
            if (searchable(term, type) && !terms.contains(term)
                    && term.codePointCount(0, term.length()) >= (isCjkType(type) ? minCjk : minWord)) {
                terms.add(term);
            }
        });
        return terms;
    }

    private static boolean searchable(String term, String type) {
        return isCjkType(type) || term.codePointCount(0, term.length()) >= MIN_WORD;
    }

    private static boolean isCjkType(String type) {
        return switch (type) {
            case "<IDEOGRAPHIC>", "<HIRAGANA>", "<KATAKANA>", "<HANGUL>", "<SINGLE>", "<DOUBLE>" -> true;
            default -> false;
        };
    }

    private interface Sink {
        void accept(String term, String type, int start, int end);
    }

    private static void run(Analyzer analyzer, String text, Sink sink) {
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            TypeAttribute type = stream.addAttribute(TypeAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                sink.accept(term.toString(), type.type(), offset.startOffset(), offset.endOffset());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String reader does not fail
        }
    }

    private static Analyzer analyzer(Mode mode) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                StandardTokenizer tokenizer = new StandardTokenizer();
                tokenizer.setMaxTokenLength(MAX_TERM);
                // Normalized already folded full-width forms; the filter also joins half-width kana marks.
                TokenStream stream = new CJKWidthFilter(tokenizer);
                if (mode != Mode.WORDS) {
                    stream = new CJKBigramFilter(stream, CJK, mode == Mode.DOCUMENT);
                }
                return new TokenStreamComponents(tokenizer, stream);
            }
        };
    }

    /**
     * Text normalised one character (with its combining marks) at a time, so each normalised position maps back to
     * the original character it came from.
     */
    static final class Normalized {
        final String text;
        private final int[] starts;
        private final int[] ends;

        private Normalized(String text, int[] starts, int[] ends) {
            this.text = text;
            this.starts = starts;
            this.ends = ends;
        }

        static Normalized of(String original) {
            StringBuilder out = new StringBuilder(original.length());
            int[] starts = new int[original.length() * 2 + 1];
            int[] ends = new int[starts.length];
            int i = 0;
            while (i < original.length()) {
                int start = i;
                i = clusterEnd(original, i);
                char stable = i == start + 1 ? folded(original.charAt(start)) : 0;
                String piece = stable != 0 ? null : fold(original.substring(start, i));
                for (int k = 0; k < (piece == null ? 1 : piece.length()); k++) {
                    if (out.length() == starts.length) {
                        starts = java.util.Arrays.copyOf(starts, starts.length * 2);
                        ends = java.util.Arrays.copyOf(ends, ends.length * 2);
                    }
                    starts[out.length()] = start;
                    ends[out.length()] = i;
                    out.append(piece == null ? stable : piece.charAt(k));
                }
            }
            return new Normalized(out.toString(), starts, ends);
        }

        int originalStart(int normalizedStart) {
            return starts[normalizedStart];
        }

        int originalEnd(int normalizedEnd) {
            return ends[normalizedEnd - 1];
        }

        /** One code point and the combining marks after it. */
        private static int clusterEnd(String s, int i) {
            i += Character.charCount(s.codePointAt(i));
            while (i < s.length()) {
                int type = Character.getType(s.codePointAt(i));
                if (type != Character.NON_SPACING_MARK && type != Character.COMBINING_SPACING_MARK
                        && type != Character.ENCLOSING_MARK) {
                    break;
                }
                i += Character.charCount(s.codePointAt(i));
            }
            return i;
        }

        /**
         * What {@link #fold} gives a lone character without building strings, for the characters most text is made
         * of (ASCII; CJK ideographs, kana and hangul syllables, which NFKC and lower case keep), or 0 for the others.
         */
        static char folded(char c) {
            if (c < 0x80) {
                return c < 0x20 || c == 0x7F ? ' ' : c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            }
            boolean stable = (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)
                    || (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) || (c >= 0xAC00 && c <= 0xD7A3);
            return stable && Character.getType(c) == Character.OTHER_LETTER ? c : 0;
        }

        static String fold(String cluster) {
            int first = cluster.codePointAt(0);
            int type = Character.getType(first);
            if (type == Character.FORMAT) {
                return ""; // zero-width joiners, bidi controls, soft hyphens: invisible, so not part of a word
            }
            if (type == Character.SURROGATE || type == Character.CONTROL || type == Character.UNASSIGNED) {
                return " ";
            }
            String folded = Normalizer.normalize(cluster, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
            return Normalizer.normalize(folded, Normalizer.Form.NFKC);
        }
    }
}
