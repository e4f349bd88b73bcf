package org.forumkit.internal;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import org.forumkit.ValidationException;
import org.forumkit.Violation;

/** Collects every violation of a command, from Jakarta Validation and from the library's own rules. */
final class Checks {
    private final List<Violation> violations = new ArrayList<>();

    static Checks of(Validator validator, Object command) {
        Checks checks = new Checks();
        if (command == null) {
            checks.add("command", "required");
            return checks;
        }
        for (ConstraintViolation<Object> v : validator.validate(command)) {
            String annotation = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
            checks.add(v.getPropertyPath().toString(), switch (annotation) {
                case "NotNull" -> "required";
                case "NotBlank", "NotEmpty" -> "blank";
                case "Positive", "PositiveOrZero", "Min", "Max" -> "out_of_range";
                default -> "invalid";
            });
        }
        return checks;
    }

    Checks add(String field, String code, Object... args) {
        Violation violation = Violation.of(field, code, args);
        if (!violations.contains(violation)) {
            violations.add(violation);
        }
        return this;
    }

    boolean has(String field) {
        return violations.stream().anyMatch(v -> v.field().equals(field));
    }

    /** A one-line text: cleaned, not blank, at most {@code max} code points; {@code null} stays {@code null}. */
    String line(String field, String raw, int max) {
        if (raw == null) {
            return null;
        }
        String clean = TextRules.line(raw);
        if (TextRules.isBlank(clean)) {
            add(field, "blank");
        }
        return limit(field, clean, max);
    }

    /** A block of text: cleaned, not blank, at most {@code max} code points; {@code null} stays {@code null}. */
    String block(String field, String raw, int max, boolean blankAllowed) {
        if (raw == null) {
            return null;
        }
        String clean = TextRules.block(raw);
        if (!blankAllowed && TextRules.isBlank(clean)) {
            add(field, "blank");
        }
        return limit(field, clean, max);
    }

    private String limit(String field, String clean, int max) {
        int length = TextRules.length(clean);
        if (length > max) {
            add(field, "too_long", max, length);
        }
        return clean;
    }

    void throwIfAny() {
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
    }
}
