package org.forumkit.mail;

import java.util.Locale;
import java.util.Objects;

/** Where and in which language a user gets mail: Simplified Chinese for {@code zh} locales, English otherwise. */
public record MailRecipient(String address, Locale locale) {
    public MailRecipient {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(locale, "locale");
    }
}
