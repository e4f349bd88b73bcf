package org.forumkit.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of the audit log, newest first.
 *
 * @param next the cursor of the next (older) page, or {@code null} on the last page
 */
public record AuditPage(List<AuditEntry> entries, AuditId next) {
    public AuditPage {
        entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
    }

    public Optional<AuditId> nextCursor() {
        return Optional.ofNullable(next);
    }
}
