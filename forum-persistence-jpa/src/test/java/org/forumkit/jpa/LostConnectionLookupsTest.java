package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.forumkit.Forum;
import org.forumkit.NotFoundException;
import org.forumkit.StoreUnavailableException;
import org.forumkit.jpa.testing.Backends;
import org.forumkit.model.Post;
import org.forumkit.model.Reply;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;
import org.forumkit.model.VoteKind;
import org.forumkit.spi.UserDirectory;
import org.forumkit.spi.store.StoreReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A lookup in a store transaction whose connection the server ended between two statements
 * ({@code pg_terminate_backend} / {@code KILL}) never answers "not found": Hibernate's {@code em.find} returns null
 * for a JDBC failure in a transaction marked rollback-only, and on PostgreSQL the failed statement marks it so first.
 * The store runs the work again when it began the transaction, and answers {@link StoreUnavailableException}
 * otherwise or past its retries.
 */
class LostConnectionLookupsTest {

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
    abstract static class Cases {
        private static final UserId VOTER = UserId.of("voter");

        final TestDatabase db;
        /** The entity manager of the transaction running on this thread, as the store was handed it. */
        final ThreadLocal<EntityManager> current = new ThreadLocal<>();
        TestDatabase.HotTopic hot;
        Post opening;

        Cases(TestDatabase db) {
            this.db = db;
        }

        @BeforeEach
        void topicWithAVote() {
            db.require().clean();
            try (Forum forum = Forum.builder().store(JpaForumStore.create(db.emf())).build()) {
                hot = TestDatabase.hotTopic(forum, "lost", "断线");
            }
            JpaForumStore store = JpaForumStore.create(db.emf());
            opening = store.inTransaction(tx -> tx.postsByFloors(hot.topic().id(), List.of(1)).get(0));
            store.inTransaction(tx -> tx.castVote(opening.id(), VOTER, VoteKind.SUPPORT));
        }

        /** The lookups of the storage SPI that read one row, each as a caller would ask it. */
        private Map<String, Function<StoreReader, Optional<?>>> lookups() {
            Map<String, Function<StoreReader, Optional<?>>> lookups = new LinkedHashMap<>();
            lookups.put("board", tx -> tx.board(hot.board().id()));
            lookups.put("topic", tx -> tx.topic(hot.topic().id()));
            lookups.put("post", tx -> tx.post(opening.id()));
            lookups.put("vote", tx -> tx.vote(opening.id(), VOTER));
            lookups.put("topicInBoard", tx -> tx.topicInBoard(hot.topic().id()));
            return lookups;
        }

        /** Strategy {@code inner}, remembering each transaction's entity manager in {@link #current}. */
        private JpaTransactions tracked(JpaTransactions inner) {
            return new JpaTransactions() {
                @Override
                public <T> T inTransaction(boolean readOnly, Work<T> work) {
                    return inner.inTransaction(readOnly, (em, scope) -> {
                        current.set(em);
                        try {
                            return work.run(em, scope);
                        } finally {
                            current.remove();
                        }
                    });
                }
            };
        }

        /** Ends the server connection under the current transaction and waits until the server has let it go. */
        private void terminateCurrentConnection() {
            try (Connection killer = db.dataSource().getConnection()) {
                long id = current.get().callWithConnection((Connection c) -> Backends.id(c));
                Backends.terminate(killer, id);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** Work that reads the topic, has its connection ended on the first attempt only, then asks {@code lookup}. */
        private <T> T lookupAfterTermination(AtomicInteger attempts, StoreReader tx,
                Function<StoreReader, T> lookup) {
            assertThat(tx.topic(hot.topic().id())).isPresent();
            if (attempts.incrementAndGet() == 1) {
                terminateCurrentConnection();
            }
            return lookup.apply(tx);
        }

        @Test
        void aLookupOnATerminatedConnectionRunsTheWorkAgainInsteadOfAnsweringEmpty() {
            eachLookupRunsAgain(JpaTransactions::resourceLocal);
        }

        /** In Spring-managed transactions (as the Spring Boot auto-configuration runs the store): the same. */
        @Test
        void aLookupOnATerminatedConnectionInSpringTransactionsRunsTheWorkAgain() {
            eachLookupRunsAgain(emf -> new org.forumkit.jpa.spring.SpringTransactions(emf,
                    new org.springframework.orm.jpa.JpaTransactionManager(emf)));
        }

        private void eachLookupRunsAgain(Function<jakarta.persistence.EntityManagerFactory, JpaTransactions> strategy) {
            try (TestDatabase.Node node = db.openNode(2)) {
                JpaForumStore store = JpaForumStore.builder(tracked(strategy.apply(node.emf()))).build();
                Map<String, Object> answers = new LinkedHashMap<>();
                lookups().forEach((name, lookup) -> {
                    AtomicInteger writes = new AtomicInteger();
                    answers.put(name + " (read-write)",
                            store.inTransaction(tx -> lookupAfterTermination(writes, tx, lookup)));
                    assertThat(writes).as(name + ": attempts").hasValue(2);
                    AtomicInteger reads = new AtomicInteger();
                    answers.put(name + " (read-only)", store.readOnly(tx -> lookupAfterTermination(reads, tx, lookup)));
                    assertThat(reads).as(name + ": attempts").hasValue(2);
                });
                assertThat(answers).allSatisfy((name, answer) -> assertThat((Optional<?>) answer).as(name).isPresent());
                assertThat(store.retries()).isEqualTo(2L * lookups().size());
            }
        }

        /** Past the retry budget, a "not found" that an empty lookup led to is the lost connection it was. */
        @Test
        void notFoundAfterATerminatedConnectionIsStoreUnavailablePastTheRetries() {
            try (TestDatabase.Node node = db.openNode(2)) {
                JpaForumStore store = JpaForumStore.builder(tracked(JpaTransactions.resourceLocal(node.emf())))
                        .maxAttempts(1).build();
                AtomicInteger attempts = new AtomicInteger();
                assertThatThrownBy(() -> store.inTransaction(tx -> lookupAfterTermination(attempts, tx,
                        t -> t.board(hot.board().id()).orElseThrow(
                                () -> new NotFoundException(NotFoundException.Kind.BOARD, hot.board().id())))))
                        .isInstanceOf(StoreUnavailableException.class);
                assertThat(attempts).hasValue(1);
            }
        }

        /** In a transaction the host began, which only the host can run again: StoreUnavailableException at once. */
        @Test
        void aLookupOnATerminatedConnectionInAHostTransactionIsStoreUnavailable() {
            try (TestDatabase.Node node = db.openNode(2)) {
                EntityManager em = node.emf().createEntityManager();
                em.getTransaction().begin();
                try {
                    JpaTransactions.Scope joined = new JpaTransactions.Scope() {
                        @Override
                        public void afterCommit(Runnable action) {
                            throw new UnsupportedOperationException("not in this test");
                        }

                        @Override
                        public boolean began() {
                            return false;
                        }
                    };
                    JpaTransactions host = new JpaTransactions() {
                        @Override
                        public <T> T inTransaction(boolean readOnly, Work<T> work) {
                            return work.run(em, joined);
                        }
                    };
                    JpaForumStore store = JpaForumStore.builder(tracked(host)).build();
                    AtomicInteger attempts = new AtomicInteger();
                    assertThatThrownBy(() -> store.inTransaction(tx -> lookupAfterTermination(attempts, tx,
                            t -> t.vote(opening.id(), VOTER))))
                            .isInstanceOf(StoreUnavailableException.class);
                    assertThat(attempts).hasValue(1);
                } finally {
                    try {
                        em.getTransaction().rollback();
                    } catch (RuntimeException connectionGone) {
                        // the host's rollback on the ended connection; the test is about the forum's answer
                    }
                    em.close();
                }
            }
        }

        /**
         * The fault {@code DemoFaultsTest} found: the connection ended after the reply was written and before the
         * notifications read the topic's board (one statement by the board's id). The reply is run again and stored once.
         */
        @Test
        void aReplyWhoseConnectionEndsBeforeItsBoardIsReadIsRunAgain() throws Exception {
            try (TestDatabase.Node node = db.openNode(2)) {
                JpaForumStore store = JpaForumStore.builder(tracked(JpaTransactions.resourceLocal(node.emf()))).build();
                try (Forum forum = Forum.builder().store(store).notifications(UserDirectory.ROLELESS).build()) {
                    AtomicInteger terminated = new AtomicInteger();
                    boolean[] written = {false};
                    Post reply = StatementCounter.beforeEach(sql -> {
                        String statement = sql.toLowerCase(Locale.ROOT);
                        // a statement of its own, or in MariaDB's procedure call
                        if (statement.contains("insert into fk_post") || statement.contains("fk_append_reply(")) {
                            written[0] = true;
                        } else if (written[0] && statement.contains(" from fk_board b") && statement.endsWith("b.id = ?")
                                && terminated.get() == 0) {
                            terminated.incrementAndGet();
                            terminateCurrentConnection();
                        }
                    }, () -> forum.posts().reply(Viewer.user("bob", "Bob"), Reply.to(hot.topic().id(), "二楼")));
                    assertThat(terminated).as("connections ended before the board was read").hasValue(1);
                    assertThat(store.retries()).isEqualTo(1);
                    try (Connection c = db.dataSource().getConnection()) {
                        assertThat(TwoNodesTest.longs(c, "SELECT floor FROM fk_post WHERE topic_id = ? ORDER BY floor",
                                hot.topic().id().value())).containsExactly(1L, (long) reply.floor());
                    }
                }
            }
        }
    }
}
