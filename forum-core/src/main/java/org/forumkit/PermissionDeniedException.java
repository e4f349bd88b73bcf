package org.forumkit;

import java.util.Locale;
import java.util.Objects;
import org.forumkit.model.DenialReason;

/** The viewer may not do this; {@link #reason()} says why, {@link #localizedMessage(Locale)} says it to a person. */
public class PermissionDeniedException extends ForumException {
    private static final long serialVersionUID = 1L;

    private final DenialReason reason;

    public PermissionDeniedException(DenialReason reason, String detail) {
        super(Objects.requireNonNull(reason, "reason") + ": " + detail);
        this.reason = reason;
    }

    public DenialReason reason() {
        return reason;
    }

    /** The reason in the given language (English and 简体中文 ship with Forumkit). */
    public String localizedMessage(Locale locale) {
        return describe(reason, locale);
    }

    /** What a reason means, in the given language: for a page that announces a denial before any command. */
    public static String describe(DenialReason reason, Locale locale) {
        return Messages.denial(Objects.requireNonNull(reason, "reason"), locale);
    }
}
