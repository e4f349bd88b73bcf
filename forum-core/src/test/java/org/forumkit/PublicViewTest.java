package org.forumkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.forumkit.tck.ForumFixtures.ADMIN;

import java.time.Duration;
import org.forumkit.model.Board;
import org.forumkit.model.BoardModeration;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A board's public view hides what helps an abuser")
class PublicViewTest extends ForumTestSupport {

    @Test
    @DisplayName("no moderator ids, report threshold, trusted roles or flood limits; the rest as the service returned it")
    void publicView() {
        Board category = forum.boards().create(ADMIN, CreateBoard.category("c", "分区"));
        Board board = forum.boards().create(ADMIN, CreateBoard.board(category.id(), "b", "版块")
                .moderatedBy(UserId.of("mod-7"))
                .withModeration(BoardModeration.exceptRoles("trusted").hidingAfterReports(3)
                        .limitingPosts(Duration.ofSeconds(30), 10)));
        given.topic(board, ADMIN);

        Board asAnonymous = forum.boards().bySlug(Viewer.anonymous(), "b").orElseThrow();
        assertThat(asAnonymous.moderators()).containsExactly(UserId.of("mod-7")); // what the service API hands out
        Board shown = asAnonymous.publicView();
        assertThat(shown.moderators()).isEmpty();
        assertThat(shown.moderation()).isEqualTo(BoardModeration.OFF);
        assertThat(shown).usingRecursiveComparison().ignoringFields("moderators", "moderation").isEqualTo(asAnonymous);
    }
}
