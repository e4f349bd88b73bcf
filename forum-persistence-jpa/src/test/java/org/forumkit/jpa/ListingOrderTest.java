package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.forumkit.memory.InMemoryForumStore;
import org.forumkit.model.AccessPolicy;
import org.forumkit.model.Author;
import org.forumkit.model.BoardId;
import org.forumkit.model.BoardKind;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.PostState;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicCursor;
import org.forumkit.model.TopicId;
import org.forumkit.model.UserId;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.NewBoard;
import org.forumkit.spi.store.NewPost;
import org.forumkit.spi.store.NewTopic;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Walking a board's listing page by page gives exactly the in-memory reference store's order, with pin levels,
 * replies that move topics up, and many equal times.
 */
class ListingOrderTest {
    private static final Author AUTHOR = new Author(UserId.of("u"), "U");
    private static final Instant T0 = Instant.parse("2024-05-01T08:00:00.000001Z");

    private static void fill(ForumStore store) {
        Random random = new Random(7);
        store.inTransaction(tx -> {
            BoardId board = tx.insertBoard(new NewBoard(null, BoardKind.BOARD, "walk", "Walk", "", 0, Set.of(),
                    List.of(), AccessPolicy.DEFAULT)).id();
            List<TopicId> topics = new ArrayList<>();
            for (int i = 0; i < 45; i++) {
                Instant at = T0.plusSeconds(random.nextInt(6)); // many ties: the id decides
                topics.add(tx.insertTopic(new NewTopic(board, "t" + i, null, AUTHOR, at, null),
                        post(null, at)).topic().id());
            }
            for (int i = 0; i < 15; i++) {
                tx.appendReply(post(topics.get(random.nextInt(topics.size())), T0.plusSeconds(3 + random.nextInt(6))));
            }
            for (int i = 0; i < 8; i++) {
                tx.updateTopicStatus(topics.get(random.nextInt(topics.size())), 1 + random.nextInt(2), false);
            }
            return null;
        });
    }

    private static NewPost post(TopicId topic, Instant at) {
        return new NewPost(topic, AUTHOR, at, "x", ContentFormat.PLAIN, "<p>x</p>", "plain/1", PostState.VISIBLE,
                null, List.of());
    }

    private static List<TopicId> walk(ForumStore store, int pageSize) {
        BoardId board = store.readOnly(reader -> reader.boardBySlug("walk")).orElseThrow().id();
        List<TopicId> walked = new ArrayList<>();
        Optional<TopicCursor> after = Optional.empty();
        while (true) {
            Optional<TopicCursor> from = after;
            List<Topic> page = store.readOnly(reader -> reader.topics(board, from, pageSize));
            page.forEach(topic -> walked.add(topic.id()));
            if (page.size() < pageSize) {
                return walked;
            }
            after = Optional.of(TopicCursor.after(page.get(page.size() - 1)));
        }
    }

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
        void pagesWalkTheReferenceOrder() {
            JpaForumStore store = db.require().freshStore();
            InMemoryForumStore reference = new InMemoryForumStore();
            fill(store);
            fill(reference);

            List<TopicId> expected = walk(reference, 1_000);
            assertThat(expected).hasSize(45);
            assertThat(walk(store, 1_000)).containsExactlyElementsOf(expected);
            for (int size : new int[] {1, 4, 7}) {
                assertThat(walk(store, size)).as("pages of %d", size).containsExactlyElementsOf(expected);
            }
        }
    }
}
