package org.forumkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.forumkit.jpa.spring.DeliveryScheduler;
import org.forumkit.model.TopicId;
import org.forumkit.tck.ForumFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo with notification mail on ({@code demo.mail.enabled=true}) against GreenMail, a real SMTP server in the
 * test's JVM: watching a topic from its page, a reply by someone else, one mail (sent by the scheduled delivery
 * round), its one-click unsubscribe link, and no more mail of that kind; the inbox page, the header's badge, the
 * mention link and the feeds along the way.
 */
@Tag("h2")
@DisplayName("The demo's notifications: inbox page, badge, watch buttons, mentions, feeds, and mail with unsubscribe")
class NotificationMailTest {
    private static final List<String> PROPERTIES = List.of("demo.mail.enabled", "demo.mail.port",
            "forumkit.deliveries.interval");

    @TempDir
    static Path data;
    static GreenMail smtp;
    static DemoApp app;

    @BeforeAll
    static void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        System.setProperty("demo.mail.enabled", "true");
        System.setProperty("demo.mail.port", Integer.toString(smtp.getSmtp().getPort()));
        System.setProperty("forumkit.deliveries.interval", "200ms");
        try {
            app = DemoApp.start(new DemoConfig(0, null, null, null, data));
        } finally {
            PROPERTIES.forEach(System::clearProperty);
        }
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        smtp.stop();
    }

    static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within 30 s: " + what).isLessThan(end);
            Thread.sleep(50);
        }
    }

    @Test
    @DisplayName("watch a topic, one mail for a reply to it, unsubscribe by one-click POST, no more mail of that kind")
    void watchMailUnsubscribe() throws Exception {
        DemoClient alice = new DemoClient(app.url()).signIn("alice");
        DemoClient.Reply topic = alice.get("/topics/1");
        assertThat(topic.text()).contains("class=\"inline watch-form\"", "action=\"/topics/1/watch\"")
                .contains("<link rel=\"alternate\" type=\"application/atom+xml\"", "href=\"/t/1.atom\"")
                .doesNotContain("id=\"unread-badge\"");
        assertThat(alice.form("/topics/1/watch", "level", "WATCHING").status()).isEqualTo(303);
        assertThat(alice.get("/topics/1").text()).contains("watch-watching current");

        DemoClient bob = new DemoClient(app.url()).signIn("bob");
        assertThat(bob.form("/topics/1/replies", "body", "A reply for the watchers, and @Carol 你好.").status())
                .isEqualTo(303);
        eventually(() -> mailTo("alice@demo.forumkit.test").size() == 1, "a mail to alice");
        eventually(() -> mailTo("carol@demo.forumkit.test").size() == 1, "a mail to carol, mentioned");
        MimeMessage mail = mailTo("alice@demo.forumkit.test").get(0);
        assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        String header = mail.getHeader("List-Unsubscribe")[0];
        URI link = URI.create(header.substring(1, header.length() - 1));
        String path = link.getRawPath() + "?" + link.getRawQuery();
        assertThat(path).startsWith("/unsubscribe?token=");

        // the inbox: the badge, the entry, opening it marks it read and goes to the floor
        DemoClient.Reply inbox = alice.get("/notifications");
        assertThat(inbox.status()).isEqualTo(200);
        assertThat(inbox.text()).contains("id=\"unread-badge\">1<", "class=\"inbox-entry unread\"");
        String id = inbox.text().replaceAll("(?s).*data-notification=\"(\\d+)\".*", "$1");
        DemoClient.Reply open = alice.form("/notifications/" + id + "/read");
        assertThat(open.status()).isEqualTo(303);
        assertThat(open.raw().headers().firstValue("Location").orElse("")).contains("/topics/1/floors/");
        assertThat(alice.get("/notifications").text()).doesNotContain("id=\"unread-badge\"")
                .doesNotContain("inbox-entry unread");
        assertThat(new DemoClient(app.url()).get("/notifications").status()).isEqualTo(401);

        // the mention is a link on the topic's page
        String page = bob.get("/topics/1?from=" + lastPageStart()).text();
        assertThat(page).contains("<a class=\"mention\" href=\"/search?q=Carol\">@Carol</a>");
        assertThat(new DemoClient(app.url()).get("/t/1.atom").raw().headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/atom+xml");

        // GET only asks; the one-click POST needs no session and no CSRF token
        DemoClient mailClient = new DemoClient(app.url());
        assertThat(mailClient.get(path, "Accept", "text/html").text()).contains("List-Unsubscribe");
        DemoClient.Reply done = mailClient.formWithout(path, "List-Unsubscribe", "One-Click");
        assertThat(done.status()).as(done.text()).isEqualTo(200);
        assertThat(done.text()).contains("forumkit-unsubscribed");
        assertThat(mailClient.formWithout("/unsubscribe?token=forged", "List-Unsubscribe", "One-Click").status())
                .isEqualTo(400);

        DeliveryScheduler scheduler = app.context().getBean(DeliveryScheduler.class);
        assertThat(bob.form("/topics/1/replies", "body", "Another reply: no mail for Alice now.").status())
                .isEqualTo(303);
        long rounds = scheduler.rounds();
        eventually(() -> scheduler.rounds() >= rounds + 3, "three more delivery rounds");
        assertThat(mailTo("alice@demo.forumkit.test")).hasSize(1);
        assertThat(alice.get("/notifications").text()).contains("id=\"unread-badge\">1<"); // the inbox still tells
    }

    private static int lastPageStart() {
        int highest = app.forum().topics().get(ForumFixtures.ADMIN, TopicId.of(1)).highestFloor();
        return (highest - 1) / 20 * 20 + 1;
    }
}
