package org.forumkit;

import java.util.List;
import org.forumkit.model.BoardId;
import org.forumkit.model.CreditEntry;
import org.forumkit.model.CreditEntryId;
import org.forumkit.model.CreditRule;
import org.forumkit.model.Page;
import org.forumkit.model.PageRequest;
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

    /** A page of a user's ledger, newest first: for the user themselves, global moderators and admins. */
    Page<CreditEntry, CreditEntryId> ledger(Viewer viewer, UserId user, PageRequest<CreditEntryId> request);
}
