package org.forumkit.examples.web;

import jakarta.mail.Session;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.forumkit.DeliverySettings;
import org.forumkit.mail.MailRecipient;
import org.forumkit.mail.MailSender;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.util.UriUtils;

/**
 * Notification mail to a local SMTP server, on with {@code demo.mail.enabled=true} ({@code demo.mail.host},
 * {@code demo.mail.port}, {@code demo.mail.from}, {@code demo.mail.delay}). Its {@link DeliverySettings} bean turns
 * the forum's delivery outbox on, so the JPA adapter's Spring support runs {@code deliverDue} on a schedule
 * ({@code forumkit.deliveries.*}) and serves the unsubscribe page the mails link to. Each demo user's address is
 * {@code <name>@demo.forumkit.test}; users with a Chinese display name get their mail in 简体中文.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "demo.mail", name = "enabled", havingValue = "true")
class DemoMail {

    @Bean
    MailSender demoMailSender(DemoUsers users, @Value("${demo.mail.host:127.0.0.1}") String host,
            @Value("${demo.mail.port:25}") int port, @Value("${demo.mail.from:forum@demo.forumkit.test}") String from,
            @Value("${demo.mail.delay:PT0S}") Duration delay, @Value("${demo.site-url}") URI site,
            @Value("${forumkit.deliveries.unsubscribe-path:/unsubscribe}") String unsubscribePath) {
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", host);
        smtp.put("mail.smtp.port", Integer.toString(port));
        // shorter than the deliveries' lease (5 minutes), so a hung server never outlives a claim
        smtp.put("mail.smtp.connectiontimeout", "10000");
        smtp.put("mail.smtp.timeout", "20000");
        smtp.put("mail.smtp.writetimeout", "20000");
        String base = site.toString().replaceAll("/+$", "");
        return MailSender.builder(Session.getInstance(smtp), from, "Forumkit demo",
                        id -> users.byName(id.value()).map(u -> new MailRecipient(DemoDirectory.address(u),
                                DemoDirectory.language(u))),
                        n -> URI.create(base + (n.entry().notification().topicId() == null ? "/notifications"
                                : Pages.permalink(n.entry().notification().topicId(),
                                        Math.max(1, n.entry().notification().floor())))),
                        token -> URI.create(base + unsubscribePath + "?token="
                                + UriUtils.encodeQueryParam(token, StandardCharsets.UTF_8)))
                .delay(delay)
                .build();
    }

    /** The key that signs unsubscribe links: the same on every node; {@code demo.mail.unsubscribe-key} in real use. */
    @Bean
    DeliverySettings demoDeliverySettings(@Value("${demo.mail.unsubscribe-key}") String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalArgumentException("demo.mail.unsubscribe-key must have at least 32 bytes");
        }
        return DeliverySettings.of(bytes).withBackoff(Duration.ofSeconds(10), Duration.ofMinutes(10));
    }
}
