package org.forumkit;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One thing wrong with a command: the field (a path such as {@code quotes[0].excerpt}), a stable code such as
 * {@code too_long}, and the values the message names (a limit, the actual length).
 */
public record Violation(String field, String code, List<Object> args) {
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(code, "code");
        args = List.copyOf(args);
    }

    public static Violation of(String field, String code, Object... args) {
        return new Violation(field, code, List.of(args));
    }

    /** The violation in the given language (English and 简体中文 ship with Forumkit). */
    public String message(Locale locale) {
        return field + ": " + Messages.violation(code, args, locale);
    }

    @Override
    public String toString() {
        return message(Locale.ENGLISH);
    }
}
