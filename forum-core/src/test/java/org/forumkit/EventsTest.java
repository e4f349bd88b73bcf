package org.forumkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ForumFixtures.BOB;
import static org.forumkit.tck.ForumFixtures.MOD;

import java.util.ArrayList;
import java.util.List;
import org.forumkit.event.ForumEvent;
import org.forumkit.model.Board;
import org.forumkit.model.EditPost;
import org.forumkit.model.Post;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.spi.store.StoreReader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Events reach listeners after commit")
class EventsTest extends ForumTestSupport {

    @Test
    @DisplayName("each command publishes its event once its transaction has committed")
    void lifecycle() {
        Board board = given.board();
        List<Boolean> committedWhenSeen = new ArrayList<>();
        Forum watched = Forum.builder().store(store).clock(clock).listener(event -> {
            if (event instanceof ForumEvent.PostCreated created) {
                // the listener runs after commit: the reply is already readable from another transaction
                committedWhenSeen.add(store.readOnly((StoreReader r) -> r.post(created.post().id())).isPresent());
            }
            events.add(event);
        }).build();
        Topic topic = watched.topics().start(ALICE, StartTopic.of(board.id(), "t", "b"));
        Post reply = watched.posts().reply(BOB, Reply.to(topic.id(), "r"));
        watched.posts().edit(BOB, EditPost.of(reply.id(), "r2"));
        watched.posts().delete(MOD, reply.id());
        watched.posts().restore(MOD, reply.id());

        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly(
                "TopicStarted", "PostCreated", "PostEdited", "PostDeleted", "PostRestored");
        assertThat(committedWhenSeen).containsExactly(true);
        assertThat(((ForumEvent.PostDeleted) events.get(3)).by().id()).isEqualTo(MOD.id());
    }

    @Test
    @DisplayName("a failed command publishes nothing, and a failing listener does not affect the command")
    void failures() {
        Topic topic = given.topic();
        events.clear();
        assertThatThrownBy(() -> forum.posts().reply(BOB, Reply.to(topic.id(), "x").quoting(1, "不存在")))
                .isInstanceOf(ValidationException.class);
        assertThat(events).isEmpty();

        List<ForumEvent> seenAfterFailure = new ArrayList<>();
        Forum fragile = Forum.builder().store(store).clock(clock)
                .listener(event -> {
                    throw new IllegalStateException("listener bug");
                })
                .listener(seenAfterFailure::add)
                .build();
        Post reply = fragile.posts().reply(BOB, Reply.to(topic.id(), "still posted"));
        assertThat(reply.floor()).isEqualTo(2);
        assertThat(seenAfterFailure).hasSize(1);
    }
}
