package org.forumkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ForumFixtures.ANONYMOUS;
import static org.forumkit.tck.ForumFixtures.BOB;
import static org.forumkit.tck.ForumFixtures.MOD;

import org.forumkit.event.ForumEvent;
import org.forumkit.model.DenialReason;
import org.forumkit.model.Post;
import org.forumkit.model.Topic;
import org.forumkit.model.VoteKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Votes")
class VoteRulesTest extends ForumTestSupport {

    @Test
    @DisplayName("voting on one's own post is refused by default, anonymous visitors must sign in")
    void refusals() {
        Topic topic = given.topic();
        Post post = given.reply(topic, BOB, "我的观点");
        assertThat(catchThrowableOfType(PermissionDeniedException.class,
                () -> forum.votes().cast(BOB, post.id(), VoteKind.SUPPORT)).reason()).isEqualTo(DenialReason.OWN_POST);
        assertThat(catchThrowableOfType(PermissionDeniedException.class,
                () -> forum.votes().cast(ANONYMOUS, post.id(), VoteKind.SUPPORT)).reason())
                .isEqualTo(DenialReason.LOGIN_REQUIRED);
        assertThat(catchThrowableOfType(ValidationException.class,
                () -> forum.votes().cast(ALICE, post.id(), null)).hasViolation("vote", "required")).isTrue();
        assertThat(store.readOnly((org.forumkit.spi.store.StoreReader reader) -> reader.votes(post.id()))).isEmpty();
    }

    @Test
    @DisplayName("a deleted post takes no votes")
    void deletedPost() {
        Topic topic = given.topic();
        Post post = given.reply(topic, BOB, "x");
        forum.posts().delete(MOD, post.id());
        assertThat(catchThrowableOfType(PermissionDeniedException.class,
                () -> forum.votes().cast(ALICE, post.id(), VoteKind.SUPPORT)).reason()).isEqualTo(DenialReason.NOT_ALLOWED);
    }

    @Test
    @DisplayName("only a real change publishes an event")
    void events() {
        Topic topic = given.topic();
        Post post = given.reply(topic, BOB, "x");
        events.clear();
        forum.votes().cast(ALICE, post.id(), VoteKind.SUPPORT);
        forum.votes().cast(ALICE, post.id(), VoteKind.SUPPORT);
        forum.votes().retract(ALICE, post.id());
        forum.votes().retract(ALICE, post.id());
        assertThat(events).hasSize(2).allSatisfy(e -> assertThat(e).isInstanceOf(ForumEvent.VoteChanged.class));
        assertThat(((ForumEvent.VoteChanged) events.get(0)).postAuthor().id()).isEqualTo(BOB.id());
    }

    @Nested
    @DisplayName("when self-votes are switched on")
    class SelfVotes extends ForumTestSupport {
        @Override
        protected ForumSettings settings() {
            return super.settings().withSelfVoteAllowed(true);
        }

        @Test
        @DisplayName("an author may support their own post")
        void allowed() {
            Topic topic = given.topic();
            Post post = given.reply(topic, BOB, "x");
            assertThat(forum.votes().cast(BOB, post.id(), VoteKind.SUPPORT).support()).isEqualTo(1);
        }
    }
}
