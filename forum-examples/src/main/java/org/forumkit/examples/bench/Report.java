package org.forumkit.examples.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The rows a run measured, printed as a Markdown table. */
final class Report {
    record Row(String target, String scenario, String metric, String value) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();

    synchronized void add(String target, String scenario, String metric, double value, String unit) {
        String text = Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
        rows.add(new Row(target, scenario, metric, text + (unit.isEmpty() ? "" : " " + unit)));
        System.out.printf(Locale.ROOT, "%-12s %-28s %-34s %s%n", target, scenario, metric, text + " " + unit);
    }

    synchronized void note(String target, String scenario, String metric, String text) {
        rows.add(new Row(target, scenario, metric, text));
        System.out.printf(Locale.ROOT, "%-12s %-28s %-34s %s%n", target, scenario, metric, text);
    }

    synchronized void violation(String target, String what) {
        violations.add(target + ": " + what);
        System.out.println("INVARIANT VIOLATION " + target + ": " + what);
    }

    /** Counts {@code other}'s violations as this report's too. */
    synchronized void violationsOf(Report other) {
        violations.addAll(other.violations());
    }

    synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    String markdown() {
        StringBuilder out = new StringBuilder("| target | scenario | metric | value |\n|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(row.target()).append(" | ").append(row.scenario()).append(" | ")
                    .append(row.metric()).append(" | ").append(row.value()).append(" |\n");
        }
        if (!violations.isEmpty()) {
            out.append("\nInvariant violations:\n");
            violations.forEach(v -> out.append("- ").append(v).append('\n'));
        }
        return out.toString();
    }
}
