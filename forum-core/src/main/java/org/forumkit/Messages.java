package org.forumkit;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.forumkit.model.DenialReason;

/** Looks up the user-facing texts of reasons and violations in {@code org/forumkit/messages*.properties}. */
final class Messages {
    private static final String BUNDLE = "org.forumkit.messages";

    private Messages() {
    }

    static String denial(DenialReason reason, Locale locale) {
        return text("denied." + reason.name(), List.of(), locale);
    }

    static String violation(String code, List<Object> args, Locale locale) {
        return text("violation." + code, args, locale);
    }

    static String text(String key, List<Object> args, Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key + (args.isEmpty() ? "" : " " + args);
        }
        return new MessageFormat(pattern, locale).format(args.toArray());
    }
}
