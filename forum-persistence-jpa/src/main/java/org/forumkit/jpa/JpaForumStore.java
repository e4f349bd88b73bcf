package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.forumkit.ConcurrentUpdateException;
import org.forumkit.OutcomeUnknownException;
import org.forumkit.StoreUnavailableException;
import org.forumkit.model.TopicId;
import org.forumkit.model.TopicPageRequest;
import org.forumkit.model.UserId;
import org.forumkit.spi.store.ForumStore;
import org.forumkit.spi.store.StoredTopicPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ForumStore} on Jakarta Persistence: the forum's tables ({@code fk_*}, created by the migrations of
 * {@link #migrations(String)}) in the host's database, through an {@code EntityManagerFactory} whose persistence
 * unit lists {@link #entityClassNames()} (or the {@link #MAPPING_FILE}). Work that hits a deadlock or serialization
 * failure (also a Galera certification failure, at any statement) or a lost connection is run again from the start
 * in a fresh transaction a bounded number of times, then fails with a {@link ConcurrentUpdateException} (a
 * {@link StoreUnavailableException} when the database could not be reached); a connection lost while committing,
 * whose outcome is unknown, is never run again: an {@link OutcomeUnknownException}.
 *
 * <pre>{@code
 * ForumStore store = JpaForumStore.create(entityManagerFactory);
 * }</pre>
 */
public final class JpaForumStore implements ForumStore {
    private static final Logger LOG = LoggerFactory.getLogger(JpaForumStore.class);

    private static final List<String> ENTITY_CLASSES = List.of(
            BoardEntity.class.getName(),
            BoardCounterEntity.class.getName(),
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
            CreditEntryEntity.class.getName(),
            NotificationEntity.class.getName(),
            DeliveryEntity.class.getName(),
            ImportMapEntity.class.getName());

    /**
     * A mapping file in this jar that lists the entity classes, for a {@code persistence.xml}
     * {@code <mapping-file>} or {@code PersistenceConfiguration.mappingFile(…)}.
     */
    public static final String MAPPING_FILE = "META-INF/forumkit-orm.xml";

    private final JpaTransactions transactions;
    private final int maxAttempts;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong exhausted = new AtomicLong();
    /** Null without a read replica. */
    private final ReplicaReads replicaReads;
    /** Whether this thread runs work of this store already: reads inside it stay on the primary. */
    private final ThreadLocal<Boolean> working = new ThreadLocal<>();
    /** The statements of the hot writes for this database; chosen once, from the first connection's database. */
    private volatile WritePath writePath;

    private JpaForumStore(Builder builder) {
        this.transactions = builder.transactions;
        this.maxAttempts = builder.maxAttempts;
        this.backoff = builder.backoff;
        this.maxBackoff = builder.maxBackoff == null ? builder.backoff.multipliedBy(1024) : builder.maxBackoff;
        this.replicaReads = builder.replica == null ? null
                : new ReplicaReads(JpaTransactions.resourceLocal(builder.replica), builder.replicaRetryAfter,
                        builder.replicaMaxLag);
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

    /**
     * The shipped migrations for a dialect, {@code postgresql}, {@code mariadb} (also MySQL) or {@code h2}: pass
     * both parts to Flyway ({@code .locations(…).placeholders(…)}), or replace the placeholders by hand.
     */
    public static Migrations migrations(String dialect) {
        Objects.requireNonNull(dialect, "dialect");
        Map<String, String> placeholders = MIGRATION_PLACEHOLDERS.get(dialect);
        if (placeholders == null) {
            throw new IllegalArgumentException("no migrations for '" + dialect + "'; there are postgresql, mariadb and h2");
        }
        // The hot writes' routines (V19) are each server's own; H2 has no version 19
        return new Migrations(dialect.equals("h2") ? List.of("classpath:db/forumkit/common")
                : List.of("classpath:db/forumkit/common", "classpath:db/forumkit/" + dialect), placeholders);
    }

    /**
     * Where the migrations are (Flyway locations) and the values of their placeholders ({@code ${fk_text}}, …):
     * one script per version serves every dialect, and the placeholders are what the dialects spell differently.
     */
    public record Migrations(List<String> locations, Map<String, String> placeholders) {
        public Migrations {
            locations = List.copyOf(locations);
            placeholders = Map.copyOf(placeholders);
        }
    }

    // What the dialects spell differently in the migrations; everything else is written once.
    private static final Map<String, Map<String, String>> MIGRATION_PLACEHOLDERS = Map.of(
            "postgresql", Map.of("fk_identity", "GENERATED BY DEFAULT AS IDENTITY", "fk_text", "TEXT",
                    "fk_timestamp", "TIMESTAMP(6) WITH TIME ZONE", "fk_exact", "", "fk_table_options", "",
                    "fk_unless_mariadb", "", "fk_only_postgresql", "", "fk_only_mariadb", "-- "),
            // H2's TEXT is a CLOB; CHARACTER VARYING without a length holds up to a billion characters.
            "h2", Map.of("fk_identity", "GENERATED BY DEFAULT AS IDENTITY", "fk_text", "CHARACTER VARYING",
                    "fk_timestamp", "TIMESTAMP(6) WITH TIME ZONE", "fk_exact", "", "fk_table_options", "",
                    "fk_unless_mariadb", "", "fk_only_postgresql", "-- ", "fk_only_mariadb", "-- "),
            // TEXT holds 65,535 bytes, less than a 20,000-code-point body in utf8mb4; utf8mb4_bin compares keys exactly.
            "mariadb", Map.of("fk_identity", "NOT NULL AUTO_INCREMENT", "fk_text", "MEDIUMTEXT",
                    "fk_timestamp", "DATETIME(6)", "fk_exact", "COLLATE utf8mb4_bin",
                    "fk_table_options", "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE utf8mb4_unicode_ci",
                    "fk_unless_mariadb", "-- ", "fk_only_postgresql", "-- ", "fk_only_mariadb", ""));

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

    /**
     * Without an author filter the page is one statement ({@link JdbcReads}), run outside a transaction when the
     * thread has none ({@link JpaTransactions#inOneStatement}): one statement sees one snapshot, so the page is as
     * consistent as in a read-only transaction, without the transaction's round trips. With an author filter (two
     * statements), inside other store work, and with a read replica (whose routing and {@link ReadSession} work per
     * transaction) it is read in {@link #readOnly}.
     */
    @Override
    public Optional<StoredTopicPage> topicPage(TopicId topic, TopicPageRequest request, Optional<UserId> viewer) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(viewer, "viewer");
        if (request.optionalOnlyAuthor().isPresent() || replicaReads != null || working.get() != null) {
            return readOnly(reader -> reader.topicPage(topic, request, viewer));
        }
        working.set(Boolean.TRUE);
        try {
            return attempts(true, true, tx -> tx.topicPage(topic, request, viewer), new boolean[1]);
        } finally {
            working.remove();
        }
    }

    private interface Body<T> {
        T run(JpaStoreTransaction tx);
    }

    private <T> T run(boolean readOnly, Body<T> body) {
        boolean outermost = working.get() == null;
        if (!outermost) {
            return attempts(readOnly, false, body, new boolean[1]);
        }
        working.set(Boolean.TRUE);
        try {
            if (readOnly && replicaReads != null) {
                ReplicaReads.Answer<T> answer = replicaReads.tryReplica((em, scope) -> work(em, scope, false, body));
                if (answer != null) {
                    return answer.value();
                }
            }
            boolean[] began = {false};
            T result = attempts(readOnly, false, body, began);
            // Only a transaction this store began has committed by now; a host's commits later, out of sight.
            if (!readOnly && began[0] && replicaReads != null && replicaReads.tracking()) {
                replicaReads.committed(transactions);
            }
            return result;
        } finally {
            working.remove();
        }
    }

    /** @param oneStatement whether {@code body} (read-only) makes one statement: {@link JpaTransactions#inOneStatement} */
    private <T> T attempts(boolean readOnly, boolean oneStatement, Body<T> body, boolean[] began) {
        for (int attempt = 1; ; attempt++) {
            began[0] = false;
            boolean[] flushed = {false};
            try {
                JpaTransactions.Work<T> work = (em, scope) -> {
                    began[0] = scope.began();
                    T result = work(em, scope, !readOnly, body);
                    if (!readOnly && scope.began()) {
                        // Past this point a lost connection may have lost the commit's answer, not the commit.
                        em.flush();
                        flushed[0] = true;
                    }
                    return result;
                };
                return oneStatement ? transactions.inOneStatement(work) : transactions.inTransaction(readOnly, work);
            } catch (RuntimeException e) {
                if (SqlErrors.isStatementTimeout(e)) {
                    throw new ConcurrentUpdateException("a statement ran past the database's time limit and was"
                            + " cancelled; nothing was stored: " + e.getMessage(), e);
                }
                boolean lost = SqlErrors.isConnectionLost(e);
                if (lost && flushed[0]) {
                    throw new OutcomeUnknownException("the connection was lost while committing; the work may or may"
                            + " not have been stored: " + e.getMessage(), e);
                }
                if (!lost && !SqlErrors.isTransient(e)) {
                    throw e;
                }
                if (!began[0]) {
                    // Joined a transaction begun elsewhere (only its owner can run it again), or none could begin:
                    // no connection within the pool's timeout, the server down. The caller may try again later.
                    if (lost) {
                        throw new StoreUnavailableException("no database connection: " + e.getMessage(), e);
                    }
                    throw new ConcurrentUpdateException("the transaction collided with another one: " + e.getMessage(),
                            e);
                }
                if (attempt >= maxAttempts) {
                    exhausted.incrementAndGet();
                    if (lost) {
                        throw new StoreUnavailableException("the connection to the database was lost in each of "
                                + attempt + " attempts: " + e.getMessage(), e);
                    }
                    throw new ConcurrentUpdateException("the transaction still collided after " + attempt + " attempts",
                            e);
                }
                retries.incrementAndGet();
                LOG.debug("attempt {} collided with another transaction; running it again", attempt, e);
                pause(attempt, e);
            }
        }
    }

    /** Runs {@code body} on {@code em}; a lookup that answered empty on a lost connection fails as a lost connection. */
    private <T> T work(EntityManager em, JpaTransactions.Scope scope, boolean writable, Body<T> body) {
        JpaStoreTransaction tx = new JpaStoreTransaction(em, scope, writable, writePath(em));
        return LostConnections.check(em, () -> body.run(tx));
    }

    /**
     * The write path, chosen when the first transaction has a connection to ask (the builder has none: a host's
     * transaction strategy may only work inside the host's own transactions), as ShedLock's JDBC accessor does.
     */
    private WritePath writePath(EntityManager em) {
        WritePath known = writePath;
        if (known == null) {
            known = WritePath.forDatabase(
                    em.callWithConnection((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName()));
            writePath = known;
        }
        return known;
    }

    /** How many times this store ran work again after a deadlock, serialization failure or lock timeout. */
    public long retries() {
        return retries.get();
    }

    /**
     * Opens a {@link ReadSession} on this thread for one user's request, with the position the host kept from their
     * last request ({@code null} or empty for none). Without a read replica the session only carries the position.
     */
    public ReadSession openSession(String position) {
        if (replicaReads == null) {
            return new ReadSession(new ThreadLocal<>(), ReadSession.parse(position));
        }
        return replicaReads.open(position);
    }

    /** How many reads the read replica answered (0 without one). */
    public long readsOnReplica() {
        return replicaReads == null ? 0 : replicaReads.onReplica();
    }

    /**
     * How many reads went to the primary although a replica is configured: it had not replayed the user's last write,
     * lagged past {@link Builder#replicaMaxLag}, or failed.
     */
    public long readsOnPrimaryInstead() {
        return replicaReads == null ? 0 : replicaReads.onPrimary();
    }

    /**
     * How many commands failed with a {@link ConcurrentUpdateException} because they still collided after the whole retry
     * budget: on a Galera cluster, the measure of whether {@link Builder#maxAttempts} fits the deployment.
     */
    public long retriesExhausted() {
        return exhausted.get();
    }

    /** Sleeps a random time up to {@code min(backoff * 2^(attempt-1), maxBackoff)}, so colliding writers spread out. */
    private void pause(int attempt, RuntimeException cause) {
        long cap = Math.min(backoff.toNanos() << Math.min(attempt - 1, 20), maxBackoff.toNanos());
        try {
            TimeUnit.NANOSECONDS.sleep(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ConcurrentUpdateException("interrupted while waiting to retry", cause);
        }
    }

    /** Configures a {@link JpaForumStore}. */
    public static final class Builder {
        private final JpaTransactions transactions;
        private int maxAttempts = 5;
        private Duration backoff = Duration.ofMillis(5);
        private Duration maxBackoff;
        private EntityManagerFactory replica;
        private Duration replicaRetryAfter = Duration.ofSeconds(5);
        private Duration replicaMaxLag = Duration.ofSeconds(5);

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

        /**
         * The longest pause between two attempts, however many came before; default 1,024 times {@link #backoff}.
         * A multi-primary cluster (Galera) aborts losers of certification at any statement and may need dozens of
         * attempts for one hot-topic reply: a large {@link #maxAttempts} with a small cap keeps such a reply fast.
         */
        public Builder maxBackoff(Duration maxBackoff) {
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            if (maxBackoff.isNegative() || maxBackoff.isZero()) {
                throw new IllegalArgumentException("maxBackoff must be positive, was " + maxBackoff);
            }
            this.maxBackoff = maxBackoff;
            return this;
        }

        /**
         * A read-only factory on a PostgreSQL hot standby of the same database: reads go there, except a user's
         * reads while it has not replayed their last write (see {@link ReadSession}) and while it fails.
         */
        public Builder readReplica(EntityManagerFactory replica) {
            this.replica = Objects.requireNonNull(replica, "replica");
            return this;
        }

        /** How long reads stay on the primary after the replica failed; default 5 s. */
        public Builder replicaRetryAfter(Duration retryAfter) {
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (retryAfter.isNegative()) {
                throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
            }
            this.replicaRetryAfter = retryAfter;
            return this;
        }

        /**
         * How far the replica may lag behind the primary and still answer reads; default 5 s. Past it every read goes
         * to the primary until the replica has caught up. The lag is asked of the replica only when it might have
         * passed the limit, so a replica that lags by milliseconds costs about one extra statement per limit's time.
         */
        public Builder replicaMaxLag(Duration maxLag) {
            Objects.requireNonNull(maxLag, "maxLag");
            if (maxLag.isNegative()) {
                throw new IllegalArgumentException("maxLag must not be negative, was " + maxLag);
            }
            this.replicaMaxLag = maxLag;
            return this;
        }

        public JpaForumStore build() {
            if (maxBackoff != null && maxBackoff.compareTo(backoff) < 0) {
                throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is shorter than backoff " + backoff);
            }
            return new JpaForumStore(this);
        }
    }
}
