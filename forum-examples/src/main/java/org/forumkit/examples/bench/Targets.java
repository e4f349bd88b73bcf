package org.forumkit.examples.bench;

/** Opens benchmark targets by name, and measures the plain-JDBC ceiling on database targets. */
final class Targets {
    private Targets() {
    }

    /** The target, or {@code null} when it is not reachable here. */
    static Target open(String name) {
        return switch (name) {
            case "memory" -> new MemoryTarget();
            default -> null; // database targets arrive with the JPA adapter
        };
    }

    static void ceiling(Target target, Scenarios.Mode mode, Report report) {
        if (target.jdbc().isEmpty()) {
            report.note(target.name(), "ceiling (plain JDBC)", "-", "no SQL: not applicable");
        }
    }
}
