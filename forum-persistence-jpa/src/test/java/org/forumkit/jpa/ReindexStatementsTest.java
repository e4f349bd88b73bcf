package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.forumkit.Forum;
import org.forumkit.model.Board;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.PageRequest;
import org.forumkit.model.Reply;
import org.forumkit.model.SearchQuery;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.Viewer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A re-index batch costs a fixed number of SQL statements whatever its size (a regression guard for the re-index
 * rate, which the search benchmark measures): the posts, their quotes, one existence check, the multi-row writes.
 * One or more statements per post made a 1,000,000-post re-index take hours.
 */
class ReindexStatementsTest {
    private static final Viewer.Member ADMIN = Viewer.user("admin", "Admin", "admin");
    private static final Viewer.Member ALICE = Viewer.user("alice", "Alice");

    @Nested
    @Tag("h2")
    class OnH2 extends Cases {
        OnH2() {
            super(TestDatabase.H2);
        }
    }

    @Nested
    @Tag("postgresql")
    class OnPostgreSql extends Cases {
        OnPostgreSql() {
            super(TestDatabase.POSTGRESQL);
        }
    }

    @Nested
    @Tag("mariadb")
    class OnMariaDb extends Cases {
        OnMariaDb() {
            super(TestDatabase.MARIADB);
        }
    }

    /** The tests, run once per database by the nested classes above (one JUnit tag each). */
    abstract class Cases {
        final TestDatabase db;

        Cases(TestDatabase db) {
            this.db = db;
        }

        @Test
        void aBatchCostsTheSameStatementsForTwentyPostsAsForSixty() {
            JpaForumStore store = db.require().freshStore();
            try (Forum forum = Forum.builder().store(store).build()) {
                Board category = forum.boards().create(ADMIN, CreateBoard.category("c", "C"));
                Board board = forum.boards().create(ADMIN, CreateBoard.board(category.id(), "b", "B"));
                Topic topic = forum.topics().start(ALICE, StartTopic.of(board.id(), "重建索引", "第一楼"));
                for (int i = 1; i < 20; i++) {
                    forum.posts().reply(ALICE, Reply.to(topic.id(), "回复" + i + " 中文 text" + i));
                }
                int twenty = StatementCounter.count(() ->
                        assertThat(forum.search().reindex(Optional.empty(), 100, p -> { })).isEqualTo(20));
                for (int i = 20; i < 60; i++) {
                    forum.posts().reply(ALICE, Reply.to(topic.id(), "回复" + i + " 中文 text" + i));
                }
                int sixty = StatementCounter.count(() ->
                        assertThat(forum.search().reindex(Optional.empty(), 100, p -> { })).isEqualTo(60));

                assertThat(sixty).isEqualTo(twenty);
                // the batch (posts, quotes, existence, delete on the term table, insert) and the empty batch after it
                assertThat(twenty).isLessThanOrEqualTo(8);
                assertThat(forum.search().find(ALICE, SearchQuery.of("text59"), PageRequest.first(5)).items())
                        .singleElement().satisfies(hit -> assertThat(hit.floor()).isEqualTo(60));
            }
        }
    }
}
