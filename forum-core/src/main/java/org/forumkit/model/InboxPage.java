package org.forumkit.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of an inbox, newest first. It may hold fewer entries than asked when some are hidden (their post was
 * deleted or moved out of the reader's sight since).
 *
 * @param next the cursor of the next (older) page, or {@code null} on the last page
 */
public record InboxPage(List<InboxEntry> entries, NotificationId next) {
    public InboxPage {
        entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
    }

    public Optional<NotificationId> nextCursor() {
        return Optional.ofNullable(next);
    }
}
