package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PessimisticLockException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import org.forumkit.Forum;
import org.forumkit.imports.ImportOptions;
import org.forumkit.imports.ImportReport;
import org.forumkit.model.Board;
import org.forumkit.model.CreateBoard;
import org.forumkit.model.Post;
import org.forumkit.model.Reply;
import org.forumkit.model.StartTopic;
import org.forumkit.model.Topic;
import org.forumkit.model.Viewer;
import org.forumkit.spi.store.ImportKey;
import org.forumkit.tck.ImportFixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A command whose transaction is aborted after its work ran (as a Galera certification failure aborts it at
 * COMMIT) runs again from the start and writes what one run writes, nothing of the failed attempt.
 */
@Tag("h2")
class RetriedCommandsTest {
    private static final Viewer.Member ADMIN = Viewer.user("admin", "管理员", "admin");

    /** A store on H2 whose next write transaction, once {@code abortNext} is set, is aborted after its work ran. */
    private static JpaForumStore abortingStore(AtomicBoolean abortNext) {
        TestDatabase.H2.require().clean();
        JpaTransactions inner = JpaTransactions.resourceLocal(TestDatabase.H2.emf());
        JpaTransactions aborting = new JpaTransactions() {
            @Override
            public <T> T inTransaction(boolean readOnly, Work<T> work) {
                return inner.inTransaction(readOnly, (em, scope) -> {
                    T result = work.run(em, scope);
                    if (!readOnly && abortNext.getAndSet(false)) {
                        throw new PessimisticLockException("simulated certification failure");
                    }
                    return result;
                });
            }
        };
        return JpaForumStore.builder(aborting).build();
    }

    @Test
    void anImportRetriedAfterAnAbortCountsWhatCommittedOnce() throws Exception {
        AtomicBoolean abortNext = new AtomicBoolean();
        JpaForumStore store = abortingStore(abortNext);
        try (Forum forum = Forum.builder().store(store).build()) {
            Board category = forum.boards().create(ADMIN, CreateBoard.category("c", "分类"));
            Board board = forum.boards().create(ADMIN, CreateBoard.board(category.id(), "b", "版块"));

            abortNext.set(true);
            ImportReport report = forum.imports().run(ADMIN, ImportFixtures.source("disqus", ImportFixtures.seedThread()),
                    ImportOptions.into(board.id()));

            assertThat(store.retries()).isEqualTo(1);
            assertThat(report.added(ImportKey.Kind.POST)).isEqualTo(4);
            assertThat(report.added(ImportKey.Kind.TOPIC)).isEqualTo(1);
            assertThat(forum.boards().get(ADMIN, board.id()).postCount()).isEqualTo(2); // floors 1 and 2 visible
        }
    }

    @Test
    void aReplyRetriedAfterAnAbortStoresItsQuoteOnce() throws Exception {
        AtomicBoolean abortNext = new AtomicBoolean();
        JpaForumStore store = abortingStore(abortNext);
        try (Forum forum = Forum.builder().store(store).build()) {
            Board category = forum.boards().create(ADMIN, CreateBoard.category("c", "分类"));
            Board board = forum.boards().create(ADMIN, CreateBoard.board(category.id(), "b", "版块"));
            Topic topic = forum.topics().start(Viewer.user("alice", "Alice"), StartTopic.of(board.id(), "题", "一楼"));

            abortNext.set(true);
            Post reply = forum.posts().reply(Viewer.user("bob", "Bob"), Reply.to(topic.id(), "二楼").quoting(1, "一楼"));

            assertThat(store.retries()).isEqualTo(1);
            assertThat(reply.quotes()).hasSize(1);
            try (Connection c = TestDatabase.H2.dataSource().getConnection(); Statement s = c.createStatement();
                    ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM fk_quote")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(1);
            }
            assertThat(store.retriesExhausted()).isZero();
        }
    }
}
