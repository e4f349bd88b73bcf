package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.forumkit.spi.store.TransactionNesting;

/**
 * Resource-local transactions: the outermost call on a thread opens an entity manager and a transaction,
 * nested calls join it (a read-write call cannot nest in a read-only one), and after-commit actions run once
 * the outermost call committed.
 */
final class ResourceLocalTransactions implements JpaTransactions {
    private final EntityManagerFactory emf;
    private final ThreadLocal<Current> current = new ThreadLocal<>();

    ResourceLocalTransactions(EntityManagerFactory emf) {
        this.emf = Objects.requireNonNull(emf, "emf");
    }

    private static final class Current implements Scope {
        final EntityManager em;
        final boolean readOnly;
        final List<Runnable> afterCommit = new ArrayList<>();

        Current(EntityManager em, boolean readOnly) {
            this.em = em;
            this.readOnly = readOnly;
        }

        @Override
        public void afterCommit(Runnable action) {
            afterCommit.add(Objects.requireNonNull(action, "action"));
        }

        @Override
        public boolean began() {
            return true;
        }
    }

    private record Joined(Current outer) implements Scope {
        @Override
        public void afterCommit(Runnable action) {
            outer.afterCommit(action);
        }

        @Override
        public boolean began() {
            return false;
        }
    }

    @Override
    public <T> T inOneStatement(Work<T> work) {
        Objects.requireNonNull(work, "work");
        if (current.get() != null) {
            return inTransaction(true, work);
        }
        // No transaction: the connection stays in the pool's auto-commit mode, the statement commits itself.
        EntityManager em = emf.createEntityManager();
        try {
            return work.run(em, Scope.ONE_STATEMENT);
        } finally {
            em.close();
        }
    }

    @Override
    public <T> T inTransaction(boolean readOnly, Work<T> work) {
        Objects.requireNonNull(work, "work");
        Current outer = current.get();
        if (outer != null) {
            TransactionNesting.checkJoin(!outer.readOnly, !readOnly);
            return work.run(outer.em, new Joined(outer));
        }
        EntityManager em = emf.createEntityManager();
        Current scope = new Current(em, readOnly);
        current.set(scope);
        T result;
        try {
            EntityTransaction tx = em.getTransaction();
            tx.begin();
            try {
                result = work.run(em, scope);
                if (readOnly) {
                    // A read-only transaction has nothing to keep; rolling back also ends it on every database.
                    tx.rollback();
                } else {
                    tx.commit();
                }
            } catch (RuntimeException | Error e) {
                if (tx.isActive()) {
                    try {
                        tx.rollback();
                    } catch (RuntimeException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            }
        } finally {
            current.remove();
            em.close();
        }
        for (Runnable action : scope.afterCommit) {
            action.run();
        }
        return result;
    }
}
