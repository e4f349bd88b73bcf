package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.forumkit.ConcurrentUpdateException;
import org.forumkit.model.AccessPolicy;
import org.forumkit.model.Author;
import org.forumkit.model.Board;
import org.forumkit.model.BoardKind;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.Post;
import org.forumkit.model.PostId;
import org.forumkit.model.PostState;
import org.forumkit.model.Quote;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.UserId;
import org.forumkit.spi.store.DuplicateKeyException;
import org.forumkit.spi.store.NewBoard;
import org.forumkit.spi.store.NewPost;
import org.forumkit.spi.store.NewTopic;
import org.forumkit.spi.store.StartedTopic;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A write that fails, in the database or in the caller's work, leaves floors and counters exactly as they were. */
class FailedWritesTest {
    private static final Author ALICE = new Author(UserId.of("alice"), "Alice");
    private static final Instant T0 = Instant.parse("2024-05-01T08:00:00.123456Z");

    private JpaForumStore store;
    private Board board;
    private Topic topic;

    private void given(TestDatabase db) {
        store = db.require().freshStore();
        board = store.inTransaction(tx -> tx.insertBoard(new NewBoard(null, BoardKind.BOARD, "b", "B", "", 0, Set.of(),
                List.of(), AccessPolicy.DEFAULT)));
        StartedTopic started = store.inTransaction(tx -> tx.insertTopic(
                new NewTopic(board.id(), "T", null, ALICE, T0, "page-1"), post(null, List.of())));
        topic = started.topic();
        store.inTransaction(tx -> tx.appendReply(post(topic.id(), List.of())));
    }

    private static NewPost post(TopicId topic, List<Quote> quotes) {
        return new NewPost(topic, ALICE, T0, "body", ContentFormat.PLAIN, "<p>body</p>", "plain/1", PostState.VISIBLE,
                null, quotes);
    }

    private Topic topicNow() {
        return store.readOnly(reader -> reader.topic(topic.id())).orElseThrow();
    }

    private Board boardNow() {
        return store.readOnly(reader -> reader.board(board.id())).orElseThrow();
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
        void aUniqueViolationAfterAReplyUndoesTheReply() {
            given(db);
            Topic topicBefore = topicNow();
            Board boardBefore = boardNow();

            assertThatThrownBy(() -> store.inTransaction(tx -> {
                tx.appendReply(post(topic.id(), List.of()));
                // Same external key in the same board: refused by the database's unique key.
                return tx.insertTopic(new NewTopic(board.id(), "Again", null, ALICE, T0, "page-1"), post(null, List.of()));
            })).isInstanceOf(DuplicateKeyException.class)
                    .satisfies(e -> assertThat(((DuplicateKeyException) e).key()).isEqualTo("topic.externalKey"));

            assertThat(topicNow()).isEqualTo(topicBefore);
            assertThat(boardNow()).isEqualTo(boardBefore);
            assertThat(store.inTransaction(tx -> tx.appendReply(post(topic.id(), List.of()))).floor()).isEqualTo(3);
        }

        @Test
        void aForeignKeyViolationInAReplyLeavesNoFloorTaken() {
            given(db);
            Topic topicBefore = topicNow();
            Board boardBefore = boardNow();
            Quote dangling = new Quote(PostId.of(987_654_321), 1, ALICE, T0, 1, "nothing", false, false);

            assertThatThrownBy(() -> store.inTransaction(tx -> tx.appendReply(post(topic.id(), List.of(dangling)))))
                    .isInstanceOf(PersistenceException.class);

            assertThat(topicNow()).isEqualTo(topicBefore);
            assertThat(boardNow()).isEqualTo(boardBefore);
            Post next = store.inTransaction(tx -> tx.appendReply(post(topic.id(), List.of())));
            assertThat(next.floor()).isEqualTo(3);
            List<Post> posts = store.readOnly(reader -> reader.postsByFloors(topic.id(), List.of(1, 2, 3, 4)));
            assertThat(posts).extracting(Post::floor).containsExactly(1, 2, 3);
        }

        @Test
        void aDeadlockRunsTheWholeWorkAgainAndOnlyTheCommittedAttemptsActionsRun() {
            given(db);
            store = JpaForumStore.builder(JpaTransactions.resourceLocal(db.emf())).maxAttempts(3)
                    .backoff(Duration.ofMillis(1)).build();
            AtomicInteger attempts = new AtomicInteger();
            AtomicInteger actions = new AtomicInteger();

            Post post = store.inTransaction(tx -> {
                Post appended = tx.appendReply(post(topic.id(), List.of()));
                tx.afterCommit(actions::incrementAndGet);
                if (attempts.incrementAndGet() < 3) {
                    throw new PersistenceException("simulated", new SQLException("deadlock detected", "40P01"));
                }
                return appended;
            });

            assertThat(attempts).hasValue(3);
            assertThat(actions).hasValue(1);
            assertThat(post.floor()).isEqualTo(3);
            assertThat(topicNow().highestFloor()).isEqualTo(3);
            assertThat(topicNow().replies()).isEqualTo(2);
            assertThat(store.retries()).isEqualTo(2);
        }

        @Test
        void workThatKeepsCollidingFailsWithConflictAfterTheBudget() {
            given(db);
            store = JpaForumStore.builder(JpaTransactions.resourceLocal(db.emf())).maxAttempts(4)
                    .backoff(Duration.ofMillis(1)).build();
            Topic before = topicNow();
            AtomicInteger attempts = new AtomicInteger();

            assertThatThrownBy(() -> store.inTransaction(tx -> {
                attempts.incrementAndGet();
                tx.appendReply(post(topic.id(), List.of()));
                throw new PersistenceException("simulated", new SQLException("Deadlock found", "40001", 1213));
            })).isInstanceOf(ConcurrentUpdateException.class).isNotInstanceOf(DuplicateKeyException.class);

            assertThat(attempts).hasValue(4);
            assertThat(topicNow()).isEqualTo(before);
        }

        @Test
        void aNestedTransactionJoinsTheOuterOneAndRollsBackWithIt() {
            given(db);
            Topic before = topicNow();

            assertThatThrownBy(() -> store.inTransaction(outer -> {
                Post inner = store.inTransaction(tx -> tx.appendReply(post(topic.id(), List.of())));
                Optional<Post> seen = store.readOnly(reader -> reader.post(inner.id()));
                assertThat(seen).isPresent();
                throw new IllegalStateException("boom");
            })).isInstanceOf(IllegalStateException.class).hasMessage("boom");

            assertThat(topicNow()).isEqualTo(before);
            assertThatThrownBy(() -> store.readOnly(reader -> store.inTransaction(tx -> tx.appendReply(post(topic.id(),
                    List.of()))))).isInstanceOf(IllegalStateException.class);
        }
    }
}
