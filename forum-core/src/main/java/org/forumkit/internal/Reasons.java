package org.forumkit.internal;

/** The reason a moderator gives for an action (a move, a rejection, a lifted ban, a resolved report). */
final class Reasons {
    /** The longest reason, in code points. */
    static final int MAX_LENGTH = 500;

    private Reasons() {
    }

    /** The reason for the record: required, cleaned, at most {@link #MAX_LENGTH} code points. */
    static String require(String raw) {
        Checks checks = new Checks();
        String clean = check(checks, raw);
        checks.throwIfAny();
        return clean;
    }

    /** Like {@link #require}, adding the violations to {@code checks} instead of throwing them. */
    static String check(Checks checks, String raw) {
        if (raw == null) {
            checks.add("reason", "required");
        }
        return checks.block("reason", raw, MAX_LENGTH, false);
    }
}
