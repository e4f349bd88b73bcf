package org.forumkit.jpa.spring;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.Objects;
import org.forumkit.jpa.JpaTransactions;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Forum work in Spring-managed transactions: inside a host's {@code @Transactional} method it joins that transaction
 * (and commits or rolls back with it), otherwise it begins one of its own; after-commit actions wait for the commit of
 * whichever transaction it ran in. The transaction manager must manage {@code emf}'s entity managers
 * ({@code JpaTransactionManager}, Spring Boot's default with JPA, or a {@code JtaTransactionManager}).
 *
 * <pre>{@code
 * ForumStore store = JpaForumStore.builder(new SpringTransactions(emf, transactionManager)).build();
 * }</pre>
 */
public final class SpringTransactions implements JpaTransactions {
    private final EntityManagerFactory emf;
    private final PlatformTransactionManager transactionManager;
    private final TransactionDefinition readWrite;
    private final TransactionDefinition readOnly;

    public SpringTransactions(EntityManagerFactory emf, PlatformTransactionManager transactionManager) {
        this.emf = Objects.requireNonNull(emf, "emf");
        this.transactionManager = Objects.requireNonNull(transactionManager, "transactionManager");
        this.readWrite = definition(false);
        this.readOnly = definition(true);
    }

    private static TransactionDefinition definition(boolean readOnly) {
        DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
        definition.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
        definition.setReadOnly(readOnly);
        return definition;
    }

    @Override
    public <T> T inTransaction(boolean readOnly, Work<T> work) {
        Objects.requireNonNull(work, "work");
        boolean began = !TransactionSynchronizationManager.isActualTransactionActive();
        if (!began && !readOnly && TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            // Spring would let the write run in the read-only transaction; the resource-local strategy refuses too.
            throw new IllegalStateException("cannot open a read-write transaction inside a read-only one");
        }
        Scope scope = began ? SpringScope.BEGAN : SpringScope.JOINED;
        TransactionStatus status = transactionManager.getTransaction(readOnly ? this.readOnly : readWrite);
        T result;
        try {
            result = work.run(entityManager(), scope);
        } catch (RuntimeException | Error e) {
            // Not TransactionTemplate: its rollback failure (a connection already lost) would replace the failure that
            // says why, and the store could then neither retry a lost connection nor type it.
            try {
                transactionManager.rollback(status);
            } catch (RuntimeException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
            }
            throw e;
        }
        transactionManager.commit(status);
        return result;
    }

    /**
     * Outside a Spring transaction the statement runs on an entity manager of its own, closed right after, so the
     * connection goes back to the pool at once (also when the host keeps an entity manager open for the view).
     */
    @Override
    public <T> T inOneStatement(Work<T> work) {
        Objects.requireNonNull(work, "work");
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return inTransaction(true, work);
        }
        EntityManager em = emf.createEntityManager();
        try {
            return work.run(em, Scope.ONE_STATEMENT);
        } finally {
            em.close();
        }
    }

    private EntityManager entityManager() {
        EntityManager em = EntityManagerFactoryUtils.getTransactionalEntityManager(emf);
        if (em == null) {
            throw new IllegalStateException("the transaction manager opened no entity manager of the forum's factory");
        }
        return em;
    }

    /** After-commit actions go to Spring's synchronization of the current (begun or joined) transaction. */
    private enum SpringScope implements Scope {
        BEGAN, JOINED;

        @Override
        public void afterCommit(Runnable action) {
            Objects.requireNonNull(action, "action");
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        }

        @Override
        public boolean began() {
            return this == BEGAN;
        }
    }
}
