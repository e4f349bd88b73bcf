package org.forumkit.jpa.spring;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.Objects;
import org.forumkit.jpa.JpaTransactions;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

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
    private final TransactionTemplate readWrite;
    private final TransactionTemplate readOnly;

    public SpringTransactions(EntityManagerFactory emf, PlatformTransactionManager transactionManager) {
        this.emf = Objects.requireNonNull(emf, "emf");
        Objects.requireNonNull(transactionManager, "transactionManager");
        this.readWrite = template(transactionManager, false);
        this.readOnly = template(transactionManager, true);
    }

    private static TransactionTemplate template(PlatformTransactionManager transactionManager, boolean readOnly) {
        TransactionTemplate template = new TransactionTemplate(transactionManager);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
        template.setReadOnly(readOnly);
        return template;
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
        return (readOnly ? this.readOnly : readWrite).execute(status -> work.run(entityManager(), scope));
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
