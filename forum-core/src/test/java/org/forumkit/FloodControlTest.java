package org.forumkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.forumkit.tck.ForumFixtures.ALICE;
import static org.forumkit.tck.ForumFixtures.BOB;
import static org.forumkit.tck.ForumFixtures.CAROL;
import static org.forumkit.tck.ForumFixtures.MOD;

import java.time.Duration;
import org.forumkit.model.Board;
import org.forumkit.model.BoardModeration;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Flood control: a minimum interval and an hourly cap per user and board, refused with the time to wait")
class FloodControlTest extends ForumTestSupport {

    private RateLimitedException refused(Runnable post) {
        RateLimitedException e = catchThrowableOfType(RateLimitedException.class, post::run);
        assertThat(e).as("refused").isNotNull();
        return e;
    }

    @Test
    @DisplayName("a second post within the interval is refused with the rest of the interval, and writes nothing")
    void minimumInterval() {
        Board board = given.board(BoardModeration.OFF.limitingPosts(Duration.ofSeconds(30), 0));
        Topic topic = given.topic(board, ALICE);
        given.reply(topic, BOB, "一");
        clock.advance(Duration.ofSeconds(10));
        assertThat(refused(() -> given.reply(topic, BOB, "二")).retryAfter()).isEqualTo(Duration.ofSeconds(20));
        assertThat(refused(() -> forum.topics().start(BOB, StartTopic.of(board.id(), "新主题", "正文"))).retryAfter())
                .isEqualTo(Duration.ofSeconds(20));
        assertThat(given.reload(topic).replies()).isEqualTo(1);
        assertThat(given.reload(board).topicCount()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(20));
        assertThat(given.reply(topic, BOB, "二").floor()).isEqualTo(3);
    }

    @Test
    @DisplayName("the hourly cap refuses until the hour that began with the first post is over")
    void hourlyCap() {
        Board board = given.board(BoardModeration.OFF.limitingPosts(Duration.ZERO, 3));
        Topic topic = given.topic(board, ALICE);
        for (int i = 0; i < 3; i++) {
            given.reply(topic, BOB, "第 " + i + " 条");
            clock.advance(Duration.ofMinutes(10));
        }
        assertThat(refused(() -> given.reply(topic, BOB, "第四条")).retryAfter()).isEqualTo(Duration.ofMinutes(30));
        clock.advance(Duration.ofMinutes(30));
        given.reply(topic, BOB, "新的一小时");
        assertThat(given.reload(topic).replies()).isEqualTo(4);
    }

    @Test
    @DisplayName("limits are per user and board; moderators and boards without limits are not limited")
    void scope() {
        Board limited = given.board(BoardModeration.OFF.limitingPosts(Duration.ofMinutes(5), 0));
        Board free = given.board();
        Topic topic = given.topic(limited, ALICE);
        Topic elsewhere = given.topic(free, ALICE);
        given.reply(topic, BOB, "一");
        given.reply(topic, CAROL, "别人不受影响");
        given.reply(elsewhere, BOB, "别的版块");
        given.reply(elsewhere, BOB, "没有限制");
        given.reply(topic, MOD, "版主");
        given.reply(topic, MOD, "版主不受限");
        refused(() -> given.reply(topic, BOB, "二"));
        assertThat(given.reload(topic).replies()).isEqualTo(4);
    }
}
