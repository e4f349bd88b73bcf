package org.forumkit.jpa.spring.host;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.forumkit.model.Action;
import org.forumkit.model.Board;
import org.forumkit.model.Decision;
import org.forumkit.model.Topic;
import org.forumkit.model.Viewer;
import org.forumkit.spi.PermissionPolicy;

/**
 * A host permission policy that, when armed, fails its next decisions the way a deadlocked statement fails (SQLSTATE
 * 40P01). The forum asks it inside its write transaction, so this provokes the store's deadlock handling on any
 * database, at a chosen moment.
 */
public class FlakyPolicy implements PermissionPolicy {
    public final AtomicInteger failures = new AtomicInteger();
    public final AtomicInteger calls = new AtomicInteger();

    @Override
    public Decision decide(Viewer viewer, Action action, Board board, Optional<Topic> topic, Decision decided) {
        calls.incrementAndGet();
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new PersistenceException("provoked", new SQLException("deadlock detected", "40P01"));
        }
        return decided;
    }
}
