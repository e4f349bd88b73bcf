package org.forumkit.jpa.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.forumkit.DeliverySettings;
import org.forumkit.Forum;
import org.forumkit.memory.InMemoryForumStore;
import org.forumkit.model.Board;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.DeliveryChannel;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.Viewer;
import org.forumkit.spi.NotificationSender;
import org.forumkit.spi.OutgoingNotification;
import org.forumkit.spi.UserDirectory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The scheduled delivery round of the Spring Boot support: it delivers, and it stops cleanly. */
class DeliverySchedulerTest {

    @Test
    @DisplayName("started, it delivers a reply within a few rounds; stopped, it runs no more rounds and its thread ends")
    void deliversAndStops() throws Exception {
        List<OutgoingNotification> sent = new CopyOnWriteArrayList<>();
        NotificationSender sender = new NotificationSender() {
            @Override
            public DeliveryChannel channel() {
                return DeliveryChannel.of("test");
            }

            @Override
            public void send(OutgoingNotification notification) {
                sent.add(notification);
            }
        };
        try (Forum forum = Forum.builder().store(new InMemoryForumStore()).notifications(UserDirectory.ROLELESS)
                .sender(sender).deliverySettings(DeliverySettings.of("scheduler test key, 32 bytes or more"
                        .getBytes(StandardCharsets.UTF_8))).build()) {
            Board board = forum.boards().create(Viewer.user("admin", "Admin", "admin"),
                    CreateBoard.board(null, "general", "General"));
            Topic topic = forum.topics().start(Viewer.user("ann", "Ann"), StartTopic.of(board.id(), "Hi", "Hello."));
            ForumkitDeliveryProperties properties = new ForumkitDeliveryProperties();
            properties.setInterval(Duration.ofMillis(20));
            DeliveryScheduler scheduler = new DeliveryScheduler(forum, properties);
            scheduler.start();
            assertThat(scheduler.isRunning()).isTrue();
            forum.posts().reply(Viewer.user("ben", "Ben"), Reply.to(topic.id(), "Hello, Ann."));
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (scheduler.delivered() < 1 && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertThat(sent).hasSize(1);
            assertThat(sent.get(0).recipient().id().value()).isEqualTo("ann");
            assertThat(scheduler.delivered()).isEqualTo(1);

            scheduler.stop();
            assertThat(scheduler.isRunning()).isFalse();
            long rounds = scheduler.rounds();
            forum.posts().reply(Viewer.user("ben", "Ben"), Reply.to(topic.id(), "Still there?"));
            Thread.sleep(200);
            assertThat(scheduler.rounds()).isEqualTo(rounds);
            assertThat(sent).hasSize(1);
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("forumkit-deliveries-"));
        }
    }

    @Test
    @DisplayName("an interval that is not positive, or a batch outside 1 to 1,000, is refused at start-up")
    void badProperties() {
        ForumkitDeliveryProperties zero = new ForumkitDeliveryProperties();
        zero.setInterval(Duration.ZERO);
        assertThatThrownBy(() -> new DeliveryScheduler(null, zero)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("forumkit.deliveries.interval");
        ForumkitDeliveryProperties big = new ForumkitDeliveryProperties();
        big.setBatch(1001);
        assertThatThrownBy(() -> new DeliveryScheduler(null, big)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("forumkit.deliveries.batch");
    }
}
