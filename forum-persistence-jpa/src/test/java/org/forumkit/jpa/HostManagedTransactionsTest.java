package org.forumkit.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.forumkit.ConcurrentUpdateException;
import org.forumkit.model.AccessPolicy;
import org.forumkit.model.Author;
import org.forumkit.model.Board;
import org.forumkit.model.BoardKind;
import org.forumkit.model.ContentFormat;
import org.forumkit.model.PostState;
import org.forumkit.model.Topic;
import org.forumkit.model.TopicId;
import org.forumkit.model.UserId;
import org.forumkit.spi.store.NewBoard;
import org.forumkit.spi.store.NewPost;
import org.forumkit.spi.store.NewTopic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A host that manages transactions itself plugs in a {@link JpaTransactions}: forum writes join the host's
 * transaction, commit or roll back with it, and their after-commit actions wait for the host's commit.
 */
@Tag("h2")
class HostManagedTransactionsTest {
    private static final Author ALICE = new Author(UserId.of("alice"), "Alice");

    /** A stand-in for a host's transaction manager (Spring's or a JTA container's do the same). */
    static final class Host {
        private final EntityManagerFactory emf;
        private final ThreadLocal<Transaction> current = new ThreadLocal<>();

        record Transaction(EntityManager em, List<Runnable> afterCommit) {
        }

        Host(EntityManagerFactory emf) {
            this.emf = emf;
        }

        <T> T inTransaction(Function<EntityManager, T> work) {
            EntityManager em = emf.createEntityManager();
            Transaction tx = new Transaction(em, new ArrayList<>());
            current.set(tx);
            T result;
            try {
                em.getTransaction().begin();
                result = work.apply(em);
                em.getTransaction().commit();
            } catch (RuntimeException e) {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
                throw e;
            } finally {
                current.remove();
                em.close();
            }
            tx.afterCommit().forEach(Runnable::run);
            return result;
        }

        /** The strategy the host hands to the forum: join the host's transaction, or begin one of the host's. */
        JpaTransactions forumTransactions() {
            return new JpaTransactions() {
                @Override
                public <T> T inTransaction(boolean readOnly, Work<T> work) {
                    Transaction joined = current.get();
                    if (joined != null) {
                        return work.run(joined.em(), scope(joined, false));
                    }
                    return Host.this.inTransaction(em -> work.run(em, scope(current.get(), true)));
                }
            };
        }

        private static JpaTransactions.Scope scope(Transaction tx, boolean began) {
            return new JpaTransactions.Scope() {
                @Override
                public void afterCommit(Runnable action) {
                    tx.afterCommit().add(action);
                }

                @Override
                public boolean began() {
                    return began;
                }
            };
        }
    }

    private Host host;
    private JpaForumStore store;
    private Topic topic;

    @BeforeEach
    void given() {
        TestDatabase.H2.require().clean();
        host = new Host(TestDatabase.H2.emf());
        store = JpaForumStore.builder(host.forumTransactions()).build();
        Board board = store.inTransaction(tx -> tx.insertBoard(new NewBoard(null, BoardKind.BOARD, "host", "Host", "", 0,
                Set.of(), List.of(), AccessPolicy.DEFAULT)));
        NewTopic newTopic = new NewTopic(board.id(), "T", null, ALICE, Instant.parse("2024-01-01T00:00:00Z"), null);
        topic = store.inTransaction(tx -> tx.insertTopic(newTopic, reply(null))).topic();
    }

    private static NewPost reply(TopicId topic) {
        return new NewPost(topic, ALICE, Instant.parse("2024-01-01T00:00:01Z"), "x", ContentFormat.PLAIN, "<p>x</p>",
                "plain/1", PostState.VISIBLE, null, List.of());
    }

    private int highestFloor() {
        return store.readOnly(reader -> reader.topic(topic.id())).orElseThrow().highestFloor();
    }

    @Test
    void forumWritesCommitWithTheHostAndTheirActionsWaitForIt() {
        AtomicInteger actions = new AtomicInteger();
        host.inTransaction(em -> {
            store.inTransaction(tx -> {
                tx.afterCommit(actions::incrementAndGet);
                return tx.appendReply(reply(topic.id()));
            });
            assertThat(actions).as("not before the host commits").hasValue(0);
            return null;
        });
        assertThat(actions).hasValue(1);
        assertThat(highestFloor()).isEqualTo(2);
    }

    @Test
    void forumWritesRollBackWithTheHost() {
        AtomicInteger actions = new AtomicInteger();
        assertThatThrownBy(() -> host.inTransaction(em -> {
            store.inTransaction(tx -> {
                tx.afterCommit(actions::incrementAndGet);
                return tx.appendReply(reply(topic.id()));
            });
            throw new IllegalStateException("the host's own work failed");
        })).hasMessage("the host's own work failed");
        assertThat(actions).hasValue(0);
        assertThat(highestFloor()).isEqualTo(1);
    }

    @Test
    void aCollisionInsideTheHostsTransactionIsLeftToTheHostInsteadOfRetried() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> host.inTransaction(em -> store.inTransaction(tx -> {
            attempts.incrementAndGet();
            throw new PersistenceException("simulated", new SQLException("deadlock detected", "40P01"));
        }))).isInstanceOf(ConcurrentUpdateException.class);
        assertThat(attempts).hasValue(1);
    }
}
