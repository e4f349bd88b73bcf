package org.forumkit.censor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Censored words with an action each, matched in one pass (Aho–Corasick) over a normalised copy of the text:
 * NFKC, case-folded, zero-width and other invisible characters ignored, and separators between letters ignored,
 * so {@code 广*告}, {@code 广 告} and full-width {@code ＡＤ} match {@code 广告} and {@code ad}. Words of scripts
 * written with spaces match whole words only. Build once (it is immutable and thread-safe) and share it.
 */
public final class WordFilter {
    private static final WordFilter EMPTY = new Builder().build();

    /** The original words, indexed like the automaton's. */
    private final List<String> words;
    private final CensorAction[] actions;
    private final AhoCorasick automaton;

    private WordFilter(Map<String, String> originals, Map<String, CensorAction> actions) {
        this.words = List.copyOf(originals.values());
        this.actions = actions.values().toArray(CensorAction[]::new);
        this.automaton = new AhoCorasick(List.copyOf(originals.keySet()));
    }

    /** A filter that finds nothing. */
    public static WordFilter empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How many distinct (normalised) words the filter holds. */
    public int size() {
        return words.size();
    }

    /** Finds every censored word in {@code text}; the text is never changed unless a REPLACE word matched. */
    public CensorResult check(String text) {
        Objects.requireNonNull(text, "text");
        if (words.isEmpty() || text.isEmpty()) {
            return new CensorResult(CensorAction.NONE, List.of(), text);
        }
        Folded folded = Folded.of(text);
        CensorAction[] strongest = {CensorAction.NONE};
        Set<String> matched = new LinkedHashSet<>();
        boolean[] starred = new boolean[text.length()];
        boolean[] anyStarred = {false};
        automaton.search(folded.text(), (word, start, end) -> {
            if (!folded.bounded(start, end)) {
                return;
            }
            CensorAction action = actions[word];
            matched.add(words.get(word));
            if (action.compareTo(strongest[0]) > 0) {
                strongest[0] = action;
            }
            if (action == CensorAction.REPLACE) {
                Arrays.fill(starred, folded.start()[start], folded.end()[end - 1], true);
                anyStarred[0] = true;
            }
        });
        return new CensorResult(strongest[0], new ArrayList<>(matched), anyStarred[0] ? star(text, starred) : text);
    }

    /** One {@code *} per code point of a censored range, so surrogate pairs never get split. */
    private static String star(String text, boolean[] starred) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (starred[i]) {
                out.append('*');
            } else {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** Collects words per action; a word listed under several actions keeps the strongest. */
    public static final class Builder {
        private final Map<String, String> originals = new LinkedHashMap<>();
        private final Map<String, CensorAction> actions = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder add(CensorAction action, String... words) {
            return add(action, Arrays.asList(words));
        }

        /** Adds words; blank entries are skipped so a host can pass the lines of a word-list file. */
        public Builder add(CensorAction action, Collection<String> words) {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(words, "words");
            if (action == CensorAction.NONE) {
                throw new IllegalArgumentException("a censored word needs an action other than NONE");
            }
            for (String word : words) {
                Objects.requireNonNull(word, "word");
                if (word.isBlank()) {
                    continue;
                }
                String key = Folded.of(word).text();
                if (key.isEmpty()) {
                    throw new IllegalArgumentException("censored word '" + word
                            + "' is only separators or invisible characters");
                }
                originals.putIfAbsent(key, word.strip());
                actions.merge(key, action, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
            return this;
        }

        public WordFilter build() {
            return new WordFilter(originals, actions);
        }
    }
}
