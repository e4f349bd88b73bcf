package org.forumkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ForumFixtures.ANONYMOUS;
import static org.forumkit.tck.ForumFixtures.BOB;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.forumkit.memory.InMemoryForumStore;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.StoreTransaction;
import org.forumkit.tck.ForumFixtures;
import org.forumkit.tck.MutableClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("View counts")
class ViewsTest extends ForumTestSupport {

    @Test
    @DisplayName("a viewer counts once per window; anonymous visitors once per visitor key, or every time without one")
    void deduplication() {
        Topic topic = given.topic();
        for (int i = 0; i < 3; i++) {
            forum.views().record(ALICE, topic.id());
            forum.views().record(ANONYMOUS, topic.id(), "session-1");
            forum.views().record(ANONYMOUS, topic.id());
        }
        forum.views().flush();
        assertThat(given.reload(topic).views()).isEqualTo(1 + 1 + 3);

        clock.advance(Duration.ofMinutes(31));
        forum.views().record(ALICE, topic.id());
        forum.views().record(BOB, topic.id());
        forum.views().flush();
        assertThat(given.reload(topic).views()).isEqualTo(7);
    }

    @Test
    @DisplayName("a flush writes all topics in one store call, and an empty buffer writes nothing")
    void oneBatchPerFlush() {
        Topic one = given.topic();
        Topic two = given.topic();
        List<Map<TopicId, Long>> batches = new ArrayList<>();
        ForumStore counting = new DelegatingStore(store) {
            @Override
            protected void addViews(StoreTransaction tx, Map<TopicId, Long> views) {
                batches.add(Map.copyOf(views));
                super.addViews(tx, views);
            }
        };
        try (Forum viewing = Forum.builder().store(counting).clock(clock).settings(settings()).build()) {
            for (int i = 0; i < 5; i++) {
                viewing.views().record(ANONYMOUS, one.id());
                viewing.views().record(ANONYMOUS, two.id());
            }
            assertThat(viewing.views().flush()).isEqualTo(2);
            assertThat(viewing.views().flush()).isZero();
        }
        assertThat(batches).containsExactly(Map.of(one.id(), 5L, two.id(), 5L));
    }

    @Test
    @DisplayName("a failed flush keeps its views for the next one")
    void failedFlushKeepsViews() {
        Topic topic = given.topic();
        AtomicBoolean failing = new AtomicBoolean(true);
        ForumStore flaky = new DelegatingStore(store) {
            @Override
            protected void addViews(StoreTransaction tx, Map<TopicId, Long> views) {
                if (failing.get()) {
                    throw new ConcurrentUpdateException("database unavailable");
                }
                super.addViews(tx, views);
            }
        };
        try (Forum viewing = Forum.builder().store(flaky).clock(clock).settings(settings()).build()) {
            viewing.views().record(ANONYMOUS, topic.id());
            viewing.views().record(ANONYMOUS, topic.id());
            assertThatThrownBy(() -> viewing.views().flush()).isInstanceOf(ConflictException.class);
            viewing.views().record(ANONYMOUS, topic.id());
            failing.set(false);
            assertThat(viewing.views().flush()).isEqualTo(1);
        }
        assertThat(given.reload(topic).views()).isEqualTo(3);
    }

    @Test
    @DisplayName("closing the forum flushes, and a background flusher runs on its interval")
    void closeAndBackgroundFlush() throws Exception {
        InMemoryForumStore own = new InMemoryForumStore();
        Forum quick = Forum.builder().store(own).clock(MutableClock.atSeedTime())
                .settings(ForumSettings.defaults().withViewWindow(Duration.ZERO)
                        .withViewFlushInterval(Duration.ofMillis(20))).build();
        Topic topic = new ForumFixtures(quick).topic();
        quick.views().record(ANONYMOUS, topic.id());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (quick.topics().get(ALICE, topic.id()).views() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(quick.topics().get(ALICE, topic.id()).views()).isEqualTo(1);
        quick.views().record(ANONYMOUS, topic.id());
        quick.close();
        try (Forum reader = Forum.builder().store(own).build()) {
            assertThat(reader.topics().get(ALICE, topic.id()).views()).isEqualTo(2);
        }
    }
}
