package org.forumkit.jpa;

import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.forumkit.ConcurrentUpdateException;
import org.forumkit.spi.store.ForumStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ForumStore} on Jakarta Persistence: the forum's tables ({@code fk_*}, created by the migrations under
 * {@code db/forumkit/<dialect>/}) in the host's database, through an {@code EntityManagerFactory} whose persistence
 * unit lists {@link #entityClassNames()} (or the {@link #MAPPING_FILE}). Work that hits a deadlock or serialization failure is run again in a
 * fresh transaction a bounded number of times, then fails with a {@link ConcurrentUpdateException}.
 *
 * <pre>{@code
 * ForumStore store = JpaForumStore.create(entityManagerFactory);
 * }</pre>
 */
public final class JpaForumStore implements ForumStore {
    private static final Logger LOG = LoggerFactory.getLogger(JpaForumStore.class);

    private static final List<String> ENTITY_CLASSES = List.of(
            BoardEntity.class.getName(),
            TopicEntity.class.getName(),
            PostEntity.class.getName(),
            QuoteEntity.class.getName(),
            VoteEntity.class.getName(),
            ReportEntity.class.getName(),
            AuditEntity.class.getName(),
            BanEntity.class.getName(),
            PostingWindowEntity.class.getName(),
            RevisionEntity.class.getName(),
            CreditBalanceEntity.class.getName(),
            CreditEntryEntity.class.getName());

    /**
     * A mapping file in this jar that lists the entity classes, for a {@code persistence.xml}
     * {@code <mapping-file>} or {@code PersistenceConfiguration.mappingFile(…)}.
     */
    public static final String MAPPING_FILE = "META-INF/forumkit-orm.xml";

    private final JpaTransactions transactions;
    private final int maxAttempts;
    private final Duration backoff;
    private final AtomicLong retries = new AtomicLong();
    /** Whether the database takes {@code UPDATE … RETURNING} (PostgreSQL); learnt from the first connection. */
    private volatile Boolean updateReturning;

    private JpaForumStore(Builder builder) {
        this.transactions = builder.transactions;
        this.maxAttempts = builder.maxAttempts;
        this.backoff = builder.backoff;
    }

    /** A store with resource-local transactions on {@code emf} and the default retry budget. */
    public static JpaForumStore create(EntityManagerFactory emf) {
        return builder(JpaTransactions.resourceLocal(emf)).build();
    }

    /** Starts a store on a transaction strategy: {@link JpaTransactions#resourceLocal} or the host's own. */
    public static Builder builder(JpaTransactions transactions) {
        return new Builder(transactions);
    }

    /**
     * The entity classes a persistence unit must list (e.g. in {@code persistence.xml} {@code <class>} elements
     * or {@code PersistenceConfiguration.managedClass}) for this store to work.
     */
    public static List<String> entityClassNames() {
        return ENTITY_CLASSES;
    }

    /** The classpath folder of the Flyway-style migrations for a dialect: {@code postgresql}, {@code mariadb} or {@code h2}. */
    public static String migrationLocation(String dialect) {
        Objects.requireNonNull(dialect, "dialect");
        if (!List.of("postgresql", "mariadb", "h2").contains(dialect)) {
            throw new IllegalArgumentException("no migrations for '" + dialect + "'; there are postgresql, mariadb and h2");
        }
        return "db/forumkit/" + dialect;
    }

    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
        Objects.requireNonNull(work, "work");
        return run(false, tx -> work.run(tx));
    }

    @Override
    public <T> T readOnly(ReadWork<T> work) {
        Objects.requireNonNull(work, "work");
        return run(true, work::run);
    }

    private interface Body<T> {
        T run(JpaStoreTransaction tx);
    }

    private <T> T run(boolean readOnly, Body<T> body) {
        for (int attempt = 1; ; attempt++) {
            boolean[] began = {false};
            try {
                return transactions.inTransaction(readOnly, (em, scope) -> {
                    began[0] = scope.began();
                    return body.run(new JpaStoreTransaction(em, scope, !readOnly, updateReturning(em)));
                });
            } catch (RuntimeException e) {
                if (!SqlErrors.isTransient(e)) {
                    throw e;
                }
                if (!began[0]) {
                    // Joined a transaction begun elsewhere: only its owner can run it again.
                    throw new ConcurrentUpdateException("the transaction collided with another one: " + e.getMessage(),
                            e);
                }
                if (attempt >= maxAttempts) {
                    throw new ConcurrentUpdateException("the transaction still collided after " + attempt + " attempts",
                            e);
                }
                retries.incrementAndGet();
                LOG.debug("attempt {} collided with another transaction; running it again", attempt, e);
                pause(attempt, e);
            }
        }
    }

    private boolean updateReturning(jakarta.persistence.EntityManager em) {
        Boolean known = updateReturning;
        if (known == null) {
            String product = em.callWithConnection((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName());
            known = "PostgreSQL".equalsIgnoreCase(product);
            updateReturning = known;
        }
        return known;
    }

    /** How many times this store ran work again after a deadlock, serialization failure or lock timeout. */
    public long retries() {
        return retries.get();
    }

    /** Sleeps a random time up to {@code backoff * 2^(attempt-1)}, so colliding writers spread out. */
    private void pause(int attempt, RuntimeException cause) {
        long cap = backoff.toNanos() << Math.min(attempt - 1, 10);
        try {
            TimeUnit.NANOSECONDS.sleep(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ConcurrentUpdateException("interrupted while waiting to retry", cause);
        }
    }

    /** Configures a {@link JpaForumStore}. */
    public static final class Builder {
        /**
     * A mapping file in this jar that lists the entity classes, for a {@code persistence.xml}
     * {@code <mapping-file>} or {@code PersistenceConfiguration.mappingFile(…)}.
     */
    public static final String MAPPING_FILE = "META-INF/forumkit-orm.xml";

    private final JpaTransactions transactions;
        private int maxAttempts = 5;
        private Duration backoff = Duration.ofMillis(5);

        private Builder(JpaTransactions transactions) {
            this.transactions = Objects.requireNonNull(transactions, "transactions");
        }

        /** How many times work runs at most when it keeps colliding (deadlock, serialization failure); default 5. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** The first retry's pause; each further retry doubles it, with jitter. Default 5 ms. */
        public Builder backoff(Duration backoff) {
            Objects.requireNonNull(backoff, "backoff");
            if (backoff.isNegative() || backoff.isZero()) {
                throw new IllegalArgumentException("backoff must be positive, was " + backoff);
            }
            this.backoff = backoff;
            return this;
        }

        public JpaForumStore build() {
            return new JpaForumStore(this);
        }
    }
}
