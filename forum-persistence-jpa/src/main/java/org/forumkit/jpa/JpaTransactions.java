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

    /**
     * Runs {@code work}, which reads with exactly one statement, outside any transaction when none is running on
     * this thread: one statement sees one snapshot on every supported database, so it needs no transaction, and the
     * read saves the transaction's round trips (PostgreSQL's {@code COMMIT}, MariaDB's two auto-commit switches and
     * its {@code COMMIT}) and its bookkeeping. Inside a running transaction it joins it. The work's scope has no
     * commit to wait for: {@link Scope#afterCommit} refuses. The default runs it as
     * {@code inTransaction(true, work)}.
     */
    default <T> T inOneStatement(Work<T> work) {
        return inTransaction(true, work);
    }

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

        /** The scope of {@link #inOneStatement} work run on its own, outside a transaction. */
        Scope ONE_STATEMENT = new Scope() {
            @Override
            public void afterCommit(Runnable action) {
                throw new IllegalStateException("a read in one statement outside a transaction has no commit");
            }

            @Override
            public boolean began() {
                return true;
            }
        };
    }
}
