package org.forumkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.forumkit.ForumSettings.SearchLimits;
import org.forumkit.ValidationException;
import org.forumkit.Violation;
import org.forumkit.model.SearchQuery;

/**
 * A checked search: the phrases a hit must hold (as token sequences) and the index terms they need. Everything a query can get wrong is a {@link ValidationException} here, before any store work.
 */
record SearchRequest(List<List<String>> phrases, List<String> terms) {
    /** A quoted phrase ("…" or “…”), or a run of anything but white space. */
    private static final Pattern CLAUSE = Pattern.compile("\"([^\"]*)\"?|\u201C([^\u201D]*)\u201D?|(\\S+)");

    static SearchRequest parse(SearchAnalysis analysis, SearchLimits limits, SearchQuery query) {
        List<Violation> violations = new ArrayList<>();
        String text = query.text() == null ? "" : query.text().strip();
        if (text.isEmpty()) {
            throw invalid(Violation.of("text", "required"));
        }
        if (text.codePointCount(0, text.length()) > limits.maxQueryLength()) {
            throw invalid(Violation.of("text", "too_long", limits.maxQueryLength(), text.codePointCount(0, text.length())));
        }
        if (query.from() != null && query.to() != null && !query.from().isBefore(query.to())) {
            violations.add(Violation.of("to", "before_from"));
        }
        List<List<String>> phrases = new ArrayList<>();
        List<String> terms = new ArrayList<>();
        Matcher clauses = CLAUSE.matcher(text);
        while (clauses.find()) {
            String clause = clauses.group(1) != null ? clauses.group(1)
                    : clauses.group(2) != null ? clauses.group(2) : clauses.group(3);
            List<String> needed = analysis.queryTerms(clause, limits.minWordLength(), limits.minCjkLength());
            if (needed.isEmpty()) {
                continue; // punctuation, or only words shorter than the minimum: nothing an index can find
            }
            phrases.add(analysis.tokens(clause).stream().map(SearchAnalysis.Token::term).toList());
            needed.stream().filter(t -> !terms.contains(t)).forEach(terms::add);
        }
        if (terms.isEmpty()) {
            violations.add(Violation.of("text", "no_searchable_words", limits.minWordLength()));
        } else if (terms.size() > limits.maxTerms()) {
            violations.add(Violation.of("text", "too_many_words", limits.maxTerms()));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        return new SearchRequest(List.copyOf(phrases), List.copyOf(terms));
    }

    private static ValidationException invalid(Violation violation) {
        return new ValidationException(List.of(violation));
    }
}
