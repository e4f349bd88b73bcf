package org.forumkit.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.forumkit.DeliverySettings;
import org.forumkit.Forum;
import org.forumkit.ForumSettings;
import org.forumkit.memory.InMemoryForumStore;
import org.forumkit.model.Board;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.DeliveryChannel;
import org.forumkit.model.DeliveryState;
import org.forumkit.model.NotificationKind;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.forumkit.spi.UserDirectory;
import org.forumkit.tck.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The mail sender against GreenMail, a real SMTP server in the test's JVM, through the forum's delivery worker. */
class MailSenderTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    private static final byte[] KEY = "mail test unsubscribe key of 32+ bytes".getBytes(StandardCharsets.UTF_8);
    private static final Viewer.Member ADMIN = Viewer.user("admin", "管理员", "admin");
    private static final Viewer.Member ALICE = Viewer.user("alice", "Alice <admin@evil>");
    private static final Viewer.Member LI = Viewer.user("li", "李雷");
    private static final Viewer.Member BOB = Viewer.user("bob", "<script>alert(1)</script>");
    private static final Map<String, MailRecipient> ADDRESSES = Map.of(
            "alice", new MailRecipient("alice@example.com", Locale.ENGLISH),
            "li", new MailRecipient("li@example.cn", Locale.SIMPLIFIED_CHINESE),
            "broken", new MailRecipient("not an address", Locale.ENGLISH));

    private final MutableClock clock = MutableClock.atSeedTime();
    private Forum forum;

    private Forum forum(int smtpPort) {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(smtpPort));
        props.put("mail.smtp.connectiontimeout", "2000");
        props.put("mail.smtp.timeout", "2000");
        MailSender mail = MailSender.builder(Session.getInstance(props), "forum@example.org", "演示论坛",
                user -> Optional.ofNullable(ADDRESSES.get(user.value())),
                n -> URI.create("https://forum.example.org/t/" + n.entry().notification().topicId() + "#"
                        + n.entry().notification().floor()),
                token -> URI.create("https://forum.example.org/unsubscribe?token=" + token))
                .delay(Duration.ofMinutes(10)).build();
        forum = Forum.builder().store(new InMemoryForumStore()).clock(clock)
                .settings(ForumSettings.defaults().withViewFlushInterval(Duration.ZERO))
                .notifications(UserDirectory.ROLELESS).sender(mail)
                .deliverySettings(DeliverySettings.of(KEY).withBackoff(Duration.ofMinutes(1), Duration.ofHours(1)))
                .build();
        return forum;
    }

    @AfterEach
    void close() {
        if (forum != null) {
            forum.close();
        }
    }

    private Topic topicBy(Viewer.Member author, String title) {
        Board category = forum.boards().create(ADMIN, CreateBoard.category("c", "分区"));
        Board board = forum.boards().create(ADMIN, CreateBoard.board(category.id(), "b", "版块"));
        return forum.topics().start(author, StartTopic.of(board.id(), title, "正文"));
    }

    private void replyLater(Topic topic, Viewer.Member by) {
        clock.advance(Duration.ofSeconds(1));
        forum.posts().reply(by, Reply.to(topic.id(), "回复"));
    }

    private static String part(MimeMessage message, String type) throws Exception {
        Multipart parts = (Multipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).isMimeType(type)) {
                return (String) parts.getBodyPart(i).getContent();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    @Test
    void anEnglishMailWithEscapedValuesAndAOneClickUnsubscribeThatWorks() throws Exception {
        forum(SMTP.getSmtp().getPort());
        Topic topic = topicBy(ALICE, "Tags <b>&\"quotes\"");
        replyLater(topic, BOB);
        assertThat(forum.deliveries().deliverDue(10).claimed()).isZero(); // waits ten minutes
        clock.advance(Duration.ofMinutes(10));
        assertThat(forum.deliveries().deliverDue(10).delivered()).isEqualTo(1);

        MimeMessage[] got = SMTP.getReceivedMessages();
        assertThat(got).hasSize(1);
        MimeMessage mail = got[0];
        assertThat(mail.getAllRecipients()[0].toString()).contains("alice@example.com");
        assertThat(mail.getSubject()).isEqualTo("[演示论坛] <script>alert(1)</script> replied to you in"
                + " \"Tags <b>&\"quotes\"\" (floor 2)");
        String html = part(mail, "text/html");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>")
                .contains("Tags &lt;b&gt;&amp;&quot;quotes&quot;").contains("Stop these mails").contains("lang=\"en\"");
        String text = part(mail, "text/plain");
        assertThat(text).contains("Open the post: https://forum.example.org/t/" + topic.id() + "#2");

        String unsubscribe = mail.getHeader("List-Unsubscribe", null);
        assertThat(unsubscribe).startsWith("<https://forum.example.org/unsubscribe?token=").endsWith(">");
        assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        String token = URLDecoder.decode(unsubscribe.substring(unsubscribe.indexOf("token=") + 6,
                unsubscribe.length() - 1), StandardCharsets.UTF_8);
        forum.deliveries().unsubscribe(token);
        assertThat(forum.deliveries().enabled(ALICE, DeliveryChannel.MAIL, NotificationKind.REPLIED)).isFalse();

        forum.notifications().markAllRead(ALICE);
        replyLater(topic, LI);
        clock.advance(Duration.ofMinutes(10));
        assertThat(forum.deliveries().deliverDue(10).claimed()).isZero();
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aChineseReaderGetsChineseMail() throws Exception {
        forum(SMTP.getSmtp().getPort());
        Topic topic = topicBy(LI, "中文标题😀");
        replyLater(topic, ALICE);
        clock.advance(Duration.ofMinutes(10));
        assertThat(forum.deliveries().deliverDue(10).delivered()).isEqualTo(1);
        MimeMessage mail = SMTP.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("[演示论坛] Alice <admin@evil> 回复了您的帖子“中文标题😀”（2 楼）");
        assertThat(part(mail, "text/plain")).contains("查看帖子").contains("退订此类邮件").contains("您在演示论坛有账号");
        assertThat(part(mail, "text/html")).contains("lang=\"zh-CN\"").contains("Alice &lt;admin@evil&gt;");
        assertThat(GreenMailUtil.getBody(mail)).isNotEmpty();
    }

    @Test
    void aMailReadBeforeItIsDueIsNeverSent() {
        forum(SMTP.getSmtp().getPort());
        Topic topic = topicBy(ALICE, "读过了");
        replyLater(topic, BOB);
        forum.notifications().markTopicRead(ALICE, topic.id(), 2);
        clock.advance(Duration.ofMinutes(10));
        assertThat(forum.deliveries().deliverDue(10).skipped()).isEqualTo(1);
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void aServerThatRefusesConnectionsIsRetriedAndNothingIsLost() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        forum(closed);
        Topic topic = topicBy(ALICE, "服务器拒绝");
        replyLater(topic, BOB);
        clock.advance(Duration.ofMinutes(10));
        assertThat(forum.deliveries().deliverDue(10).retrying()).isEqualTo(1);
        var pending = forum.deliveries().list(DeliveryState.PENDING, PageRequest.first(10)).items();
        assertThat(pending).singleElement().satisfies(d -> {
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.lastError()).contains("could not be sent");
        });
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void aBadAddressIsDeadAndAUserWithoutOneIsSkipped() {
        forum(SMTP.getSmtp().getPort());
        Topic broken = topicBy(Viewer.user("broken", "坏地址"), "坏地址");
        Board category = forum.boards().create(ADMIN, CreateBoard.category("c2", "分区2"));
        Board board = forum.boards().create(ADMIN, CreateBoard.board(category.id(), "b2", "版块2"));
        Topic nobody = forum.topics().start(Viewer.user("nomail", "无邮箱"), StartTopic.of(board.id(), "无邮箱", "正文"));
        replyLater(broken, BOB);
        replyLater(nobody, BOB);
        clock.advance(Duration.ofMinutes(10));
        var run = forum.deliveries().deliverDue(10);
        assertThat(run.dead()).isEqualTo(1);
        assertThat(run.skipped()).isEqualTo(1);
        assertThat(forum.deliveries().list(DeliveryState.DEAD, PageRequest.first(5)).items()).singleElement()
                .satisfies(d -> assertThat(d.recipient()).isEqualTo(UserId.of("broken")));
        assertThat(SMTP.getReceivedMessages()).isEmpty();
        assertThat(run.claimed()).isEqualTo(2);
    }
}
