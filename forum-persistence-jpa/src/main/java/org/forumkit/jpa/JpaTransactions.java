package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

/**
 * How {@link JpaForumStore} gets an {@link EntityManager} and a transaction to work in. The default,
 * {@link #resourceLocal(EntityManagerFactory)}, begins and commits its own; a host that manages transactions
 * (Spring, JTA) implements this to run forum work in its own transaction and synchronization.
 */
public interface JpaTransactions {

    /**
     * Runs {@code work} in a transaction and returns its result once that transaction (or the host transaction
     * it joined) is done with it; any exception rolls back (or marks the joined transaction rollback-only) and
     * is rethrown.
     *
     * @param readOnly whether the work only reads
     */
    <T> T inTransaction(boolean readOnly, Work<T> work);

    /** The default: resource-local transactions on {@code emf}, one entity manager per outermost call. */
    static JpaTransactions resourceLocal(EntityManagerFactory emf) {
        return new ResourceLocalTransactions(emf);
    }

    /** Work done with an entity manager inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(EntityManager em, Scope scope);
    }

    /** The transaction a {@link Work} runs in, as its strategy sees it. */
    interface Scope {
        /** Runs {@code action} after the transaction commits; never when it rolls back. */
        void afterCommit(Runnable action);

        /**
         * Whether this call began the transaction, rather than joining one already running. Only then may the
         * store retry the whole work after a deadlock or serialization failure.
         */
        boolean began();
    }
}
