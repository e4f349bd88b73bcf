package org.forumkit.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.Date;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.function.Function;
import org.forumkit.model.DeliveryChannel;
import org.forumkit.model.NotificationKind;
import org.forumkit.model.UserId;
import org.forumkit.spi.DeliveryException;
import org.forumkit.spi.NotificationSender;
import org.forumkit.spi.OutgoingNotification;
import org.jsoup.nodes.Entities;

/**
 * Sends each notification as a mail (plain text and HTML, every value HTML-escaped) in the recipient's language,
 * with a link to the post and a one-click unsubscribe link ({@code List-Unsubscribe} and
 * {@code List-Unsubscribe-Post}, RFC 8058). Mail waits {@link Builder#delay} (10 minutes by default) and is skipped
 * when the user read the notification meanwhile; votes are off unless a user turns them on.
 *
 * <p>A recipient without an address is SKIPPED; an address the server or Jakarta Mail rejects makes the delivery
 * DEAD; a server that cannot be reached or refuses for now is retried.
 */
public final class MailSender implements NotificationSender {
    private static final String BUNDLE = "org.forumkit.mail.mail";

    private final Session session;
    private final InternetAddress from;
    private final String siteName;
    private final Function<UserId, Optional<MailRecipient>> recipients;
    private final Function<OutgoingNotification, URI> links;
    private final Function<String, URI> unsubscribeLinks;
    private final Duration delay;
    private final Set<NotificationKind> offByDefault;

    private MailSender(Builder b) {
        this.session = b.session;
        this.from = b.from;
        this.siteName = b.siteName;
        this.recipients = b.recipients;
        this.links = b.links;
        this.unsubscribeLinks = b.unsubscribeLinks;
        this.delay = b.delay;
        this.offByDefault = Set.copyOf(b.offByDefault);
    }

    /**
     * A sender through {@code session} (its {@code mail.smtp.*} properties name the server; set time-outs there,
     * shorter than the deliveries' lease).
     *
     * @param links            the page of a notification's post, absolute
     * @param unsubscribeLinks the host's page that calls {@code forum.deliveries().unsubscribe(token)}, absolute
     */
    public static Builder builder(Session session, String from, String siteName,
            Function<UserId, Optional<MailRecipient>> recipients, Function<OutgoingNotification, URI> links,
            Function<String, URI> unsubscribeLinks) {
        return new Builder(session, from, siteName, recipients, links, unsubscribeLinks);
    }

    @Override
    public DeliveryChannel channel() {
        return DeliveryChannel.MAIL;
    }

    @Override
    public Duration delay() {
        return delay;
    }

    @Override
    public boolean skipWhenRead() {
        return true;
    }

    @Override
    public boolean enabledByDefault(NotificationKind kind) {
        return !offByDefault.contains(kind);
    }

    @Override
    public void send(OutgoingNotification n) {
        MailRecipient recipient = recipients.apply(n.recipient().id())
                .orElseThrow(() -> DeliveryException.skip("the recipient has no mail address"));
        InternetAddress to;
        try {
            to = new InternetAddress(recipient.address(), true);
            to.setPersonal(n.recipient().displayName(), StandardCharsets.UTF_8.name());
        } catch (AddressException e) {
            throw DeliveryException.dead("not a mail address: " + e.getMessage(), e);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        Locale locale = language(recipient.locale());
        ResourceBundle words = ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String line = n.text(locale);
        URI link = links.apply(n);
        URI unsubscribe = unsubscribeLinks.apply(n.unsubscribeToken());
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, to);
            message.setSubject(oneLine("[" + siteName + "] " + line), StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            message.setHeader("List-Unsubscribe", "<" + unsubscribe.toASCIIString() + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setHeader("X-Forumkit-Delivery", n.deliveryId().toString());

            String open = words.getString("mail.open");
            String why = format(words.getString("mail.why"), locale, siteName);
            String stop = words.getString("mail.unsubscribe");
            String text = line + "\n\n" + open + ": " + link.toASCIIString() + "\n\n-- \n" + why + "\n" + stop + ": "
                    + unsubscribe.toASCIIString() + "\n";
            String html = "<!DOCTYPE html><html lang=\"" + (isChinese(locale) ? "zh-CN" : "en") + "\"><head>"
                    + "<meta charset=\"utf-8\"><title>" + escape(siteName) + "</title></head><body>"
                    + "<p>" + escape(line) + "</p>"
                    + "<p><a href=\"" + escape(link.toASCIIString()) + "\">" + escape(open) + "</a></p>"
                    + "<hr><p style=\"color:#666;font-size:small\">" + escape(why) + " <a href=\""
                    + escape(unsubscribe.toASCIIString()) + "\">" + escape(stop) + "</a></p></body></html>";
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text, StandardCharsets.UTF_8.name(), "plain");
            MimeBodyPart rich = new MimeBodyPart();
            rich.setText(html, StandardCharsets.UTF_8.name(), "html");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(plain);
            alternative.addBodyPart(rich);
            message.setContent(alternative);
            Transport.send(message);
        } catch (SendFailedException e) {
            boolean rejected = e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0;
            throw rejected ? DeliveryException.dead("the server rejected the address: " + e.getMessage(), e)
                    : DeliveryException.retry("the server did not take the mail: " + e.getMessage(), e);
        } catch (AuthenticationFailedException e) {
            throw DeliveryException.retry("the mail server refused the login: " + e.getMessage(), e);
        } catch (MessagingException e) {
            throw DeliveryException.retry("the mail could not be sent: " + e, e);
        }
    }

    private static boolean isChinese(Locale locale) {
        return "zh".equals(locale.getLanguage());
    }

    private static Locale language(Locale locale) {
        return isChinese(locale) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
    }

    private static String format(String pattern, Locale locale, Object... args) {
        return new MessageFormat(pattern, locale).format(args);
    }

    private static String escape(String text) {
        return Entities.escape(text);
    }

    /** A subject is one line: breaks and other control characters become spaces. */
    private static String oneLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return out.toString();
    }

    /** Configures a {@link MailSender}. */
    public static final class Builder {
        private final Session session;
        private final InternetAddress from;
        private final String siteName;
        private final Function<UserId, Optional<MailRecipient>> recipients;
        private final Function<OutgoingNotification, URI> links;
        private final Function<String, URI> unsubscribeLinks;
        private Duration delay = Duration.ofMinutes(10);
        private Set<NotificationKind> offByDefault = Set.of(NotificationKind.VOTED);

        private Builder(Session session, String from, String siteName,
                Function<UserId, Optional<MailRecipient>> recipients, Function<OutgoingNotification, URI> links,
                Function<String, URI> unsubscribeLinks) {
            this.session = Objects.requireNonNull(session, "session");
            try {
                this.from = new InternetAddress(Objects.requireNonNull(from, "from"), true);
            } catch (AddressException e) {
                throw new IllegalArgumentException("not a mail address: " + from, e);
            }
            this.siteName = Objects.requireNonNull(siteName, "siteName");
            this.recipients = Objects.requireNonNull(recipients, "recipients");
            this.links = Objects.requireNonNull(links, "links");
            this.unsubscribeLinks = Objects.requireNonNull(unsubscribeLinks, "unsubscribeLinks");
        }

        /** How long after a notification its mail waits; 10 minutes by default (as Discourse waits). */
        public Builder delay(Duration delay) {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative, was " + delay);
            }
            this.delay = delay;
            return this;
        }

        /** The kinds nobody gets by mail unless they turn them on; {@code VOTED} by default. */
        public Builder offByDefault(Set<NotificationKind> kinds) {
            this.offByDefault = Set.copyOf(kinds);
            return this;
        }

        public MailSender build() {
            return new MailSender(this);
        }
    }
}
