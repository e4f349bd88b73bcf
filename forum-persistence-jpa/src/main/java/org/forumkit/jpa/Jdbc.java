package org.forumkit.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.forumkit.model.Quote;

/**
 * Plain JDBC on the transaction's own connection ({@link EntityManager#callWithConnection}, Jakarta Persistence 3.2),
 * for the hot writes: no query translation, no entity, nothing left in the persistence context. Statements are
 * written with {@code :name} parameters, bound by name.
 */
final class Jdbc {
    private final boolean localTimestamps;

    /**
     * @param localTimestamps whether timestamp columns are zone-less ({@code DATETIME} on MariaDB), holding UTC wall
     *     time as the provider writes an {@link Instant} there, rather than {@code TIMESTAMP WITH TIME ZONE}
     */
    Jdbc(boolean localTimestamps) {
        this.localTimestamps = localTimestamps;
    }

    /** Work on the connection; a {@link SQLException} leaves as a {@link PersistenceException} with it as cause. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    static <T> T call(EntityManager em, Work<T> work) {
        // Kept out of the provider's hands: Hibernate would wrap whatever the function throws in a bare
        // RuntimeException, and the store's callers expect a PersistenceException with the SQLException as cause.
        SQLException[] failed = {null};
        T result = em.callWithConnection((Connection c) -> {
            try {
                return work.run(c);
            } catch (SQLException e) {
                failed[0] = e;
                return null;
            }
        });
        if (failed[0] != null) {
            throw new PersistenceException(failed[0].getMessage(), failed[0]);
        }
        return result;
    }

    /**
     * {@link #call}, where the work calls a routine of the schema's own: an error that says it does not exist
     * ({@code missing}) leaves as an {@link IllegalStateException} with {@code lacking}, the host's fix.
     */
    static <T> T callRoutine(EntityManager em, java.util.function.Predicate<SQLException> missing, String lacking,
            Work<T> work) {
        try {
            return call(em, work);
        } catch (PersistenceException e) {
            if (e.getCause() instanceof SQLException sql && missing.test(sql)) {
                throw new IllegalStateException(lacking, e);
            }
            throw e;
        }
    }

    /** A statement with {@code :name} parameters, turned into JDBC's {@code ?} once. */
    record Sql(String jdbc, List<String> names) {
        static Sql of(String named) {
            StringBuilder jdbc = new StringBuilder();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < named.length(); i++) {
                char ch = named.charAt(i);
                if (ch == ':' && i + 1 < named.length() && Character.isJavaIdentifierStart(named.charAt(i + 1))
                        && (i == 0 || named.charAt(i - 1) != ':')) {
                    int end = i + 1;
                    while (end < named.length() && Character.isJavaIdentifierPart(named.charAt(end))) {
                        end++;
                    }
                    names.add(named.substring(i + 1, end));
                    jdbc.append('?');
                    i = end - 1;
                } else {
                    jdbc.append(ch);
                }
            }
            return new Sql(jdbc.toString(), List.copyOf(names));
        }

        /** Binds {@code value} to every occurrence of {@code :name}. */
        void bind(PreparedStatement statement, String name, Object value, Jdbc binder) throws SQLException {
            boolean found = false;
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).equals(name)) {
                    binder.set(statement, i + 1, value);
                    found = true;
                }
            }
            if (!found) {
                throw new IllegalArgumentException("no parameter :" + name + " in " + jdbc);
            }
        }
    }

    /** Binds one value: an {@link Instant} cut to microseconds as the store keeps it, {@code null} as an integer. */
    void set(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else if (value instanceof Instant at) {
            Instant micros = Rows.micros(at);
            statement.setObject(index, localTimestamps ? LocalDateTime.ofInstant(micros, ZoneOffset.UTC)
                    : micros.atOffset(ZoneOffset.UTC));
        } else if (value instanceof String s) {
            statement.setString(index, s);
        } else if (value instanceof Long n) {
            statement.setLong(index, n);
        } else if (value instanceof Integer n) {
            statement.setInt(index, n);
        } else if (value instanceof Boolean b) {
            statement.setBoolean(index, b);
        } else {
            throw new IllegalArgumentException("cannot bind " + value.getClass().getName());
        }
    }

    /** A timestamp column as the instant the provider would read there; {@code null} for SQL NULL. */
    Instant instant(ResultSet row, int index) throws SQLException {
        if (localTimestamps) {
            LocalDateTime at = row.getObject(index, LocalDateTime.class);
            return at == null ? null : at.toInstant(ZoneOffset.UTC);
        }
        OffsetDateTime at = row.getObject(index, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    static Long longOrNull(ResultSet row, int index) throws SQLException {
        long value = row.getLong(index);
        return row.wasNull() ? null : value;
    }

    static Integer integer(ResultSet row, int index) throws SQLException {
        int value = row.getInt(index);
        return row.wasNull() ? null : value;
    }

    /**
     * Inserts the quote rows of a new post in one multi-row statement (none: no statement); returns them as stored.
     */
    List<Quote> insertQuotes(Connection connection, long postId, List<Quote> snapshots) throws SQLException {
        if (snapshots.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("insert into fk_quote (post_id, position, source_post_id, source_floor,"
                + " source_author_id, source_author_name, source_posted_at, source_revision, excerpt, whole, truncated)"
                + " values ");
        for (int i = 0; i < snapshots.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        List<Quote> stored = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
            int p = 1;
            for (int i = 0; i < snapshots.size(); i++) {
                Quote q = snapshots.get(i);
                set(insert, p++, postId);
                set(insert, p++, i);
                set(insert, p++, q.sourcePostId().value());
                set(insert, p++, q.sourceFloor());
                set(insert, p++, q.sourceAuthor().id().value());
                set(insert, p++, q.sourceAuthor().displayName());
                set(insert, p++, q.sourcePostedAt());
                set(insert, p++, q.sourceRevision());
                set(insert, p++, q.excerpt());
                set(insert, p++, q.whole());
                set(insert, p++, q.truncated());
                stored.add(new Quote(q.sourcePostId(), q.sourceFloor(), q.sourceAuthor(),
                        Rows.micros(q.sourcePostedAt()), q.sourceRevision(), q.excerpt(), q.whole(), q.truncated()));
            }
            insert.executeUpdate();
        }
        return List.copyOf(stored);
    }
}
