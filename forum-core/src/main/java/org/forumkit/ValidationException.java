package org.forumkit;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A command was refused before anything was written; {@link #violations()} lists every bad field. */
public class ValidationException extends ForumException {
    private static final long serialVersionUID = 1L;

    private final List<Violation> violations;

    public ValidationException(List<Violation> violations) {
        super(describe(violations, Locale.ENGLISH));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a ValidationException needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    /** Whether some violation concerns {@code field}. */
    public boolean hasViolation(String field, String code) {
        return violations.stream().anyMatch(v -> v.field().equals(field) && v.code().equals(code));
    }

    public String localizedMessage(Locale locale) {
        return describe(violations, locale);
    }

    private static String describe(List<Violation> violations, Locale locale) {
        return violations.stream().map(v -> v.message(locale)).collect(Collectors.joining("; "));
    }
}
