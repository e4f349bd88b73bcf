package org.forumkit.jpa;

import java.util.Locale;
import java.util.Objects;

/**
 * One user's request on a {@link JpaForumStore} with a read replica: while it is open on a thread, the store sends
 * that thread's reads to the replica only once the replica has replayed this user's last write, and moves the
 * position forward after each of their writes. The host keeps {@link #position()} in the user's session and opens
 * the next request with it, on whichever app node that request lands.
 *
 * <pre>{@code
 * try (ReadSession session = store.openSession((String) httpSession.getAttribute("forumkit.position"))) {
 *     forum.posts().reply(viewer, reply);
 *     httpSession.setAttribute("forumkit.position", session.position());
 * }
 * }</pre>
 */
public final class ReadSession implements AutoCloseable {
    private final ThreadLocal<ReadSession> binding;
    private long lsn;

    ReadSession(ThreadLocal<ReadSession> binding, long lsn) {
        this.binding = binding;
        this.lsn = lsn;
    }

    /** The user's commit position, a PostgreSQL LSN such as {@code 0/3000148}; empty before their first write. */
    public String position() {
        return lsn == 0 ? "" : format(lsn);
    }

    long lsn() {
        return lsn;
    }

    void advance(long committed) {
        lsn = Math.max(lsn, committed);
    }

    /** Unbinds the session from the thread; its position stays readable. */
    @Override
    public void close() {
        if (binding.get() == this) {
            binding.remove();
        }
    }

    /** Parses a PostgreSQL LSN ({@code hi/lo} in hexadecimal); null or empty is 0 (no write yet). */
    static long parse(String position) {
        if (position == null || position.isBlank()) {
            return 0;
        }
        int slash = position.indexOf('/');
        if (slash < 1) {
            throw new IllegalArgumentException("not a PostgreSQL LSN (hi/lo in hexadecimal): " + position);
        }
        try {
            return Long.parseLong(position.substring(0, slash), 16) << 32
                    | Long.parseLong(position.substring(slash + 1), 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a PostgreSQL LSN (hi/lo in hexadecimal): " + position, e);
        }
    }

    static String format(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase(Locale.ROOT) + "/"
                + Long.toHexString(lsn & 0xFFFF_FFFFL).toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "ReadSession[" + Objects.toString(position()) + "]";
    }
}
