package org.forumkit.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A page of a user's credit ledger, newest first, with their balance.
 *
 * @param next the cursor of the next (older) page, or {@code null} on the last page
 */
public record CreditLedger(UserId user, long balance, List<CreditEntry> entries, CreditEntryId next) {
    public CreditLedger {
        Objects.requireNonNull(user, "user");
        entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
    }

    public Optional<CreditEntryId> nextCursor() {
        return Optional.ofNullable(next);
    }
}
