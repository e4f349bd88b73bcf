package org.forumkit;

import java.util.List;
import java.util.Optional;
import org.forumkit.model.BoardId;
import org.forumkit.model.CreditEntryId;
import org.forumkit.model.CreditLedger;
import org.forumkit.model.CreditRule;
import org.forumkit.model.UserId;
import org.forumkit.model.Viewer;

/**
 * Credits (积分): the rules of each board ({@code Forum.builder().creditPolicy(…)}) award or deduct credits for
 * events in the same transaction as the event, within each rule's cap per cycle; every award is a ledger entry.
 */
public interface Credits {

    /** The board's credit rules, for anyone who may see the board (the seed page's 本版积分规则). */
    List<CreditRule> rules(Viewer viewer, BoardId board);

    /** A user's balance: public, like a profile's credit count. */
    long balance(Viewer viewer, UserId user);

    /**
     * A user's ledger, newest first, {@code size} entries after {@code before}, with the balance: for the user
     * themselves, global moderators and admins.
     */
    CreditLedger ledger(Viewer viewer, UserId user, Optional<CreditEntryId> before, int size);
}
