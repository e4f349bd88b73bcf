package org.forumkit.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.forumkit.model.Board;
import org.forumkit.model.CreditCycle;
import org.forumkit.model.CreditEvent;
import org.forumkit.model.CreditRule;
import org.forumkit.model.PostId;
import org.forumkit.model.UserId;
import org.forumkit.spi.CreditPolicy;
import org.forumkit.spi.store.NewCreditEntry;
import org.forumkit.spi.store.StoreTransaction;

/** Applies the host's credit rules (本版积分规则) when a post earns or costs its author credits. */
final class CreditAwards {
    private final CreditPolicy policy;
    private final ForumClock clock;

    CreditAwards(CreditPolicy policy, ForumClock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /** The board's credit rules. */
    List<CreditRule> rules(Board board) {
        return List.copyOf(policy.forBoard(board));
    }

    /**
     * Applies the board's credit rules for {@code event} to {@code user}, under the store's lock on the user's
     * balance, so a rule's cap per cycle holds under concurrency. Boards without a rule for the event cost nothing.
     */
    void award(StoreTransaction tx, Board board, UserId user, CreditEvent event, PostId post) {
        List<CreditRule> rules = new ArrayList<>(2);
        for (CreditRule rule : policy.forBoard(board)) {
            if (rule.event() == event) {
                rules.add(rule);
            }
        }
        if (rules.isEmpty()) {
            return;
        }
        tx.lockCreditBalance(user);
        Instant now = clock.now();
        for (CreditRule rule : rules) {
            String cycle = switch (rule.cycle()) {
                case ONCE -> "once";
                case DAILY -> LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
                case UNLIMITED -> "unlimited";
            };
            if (rule.cycle() != CreditCycle.UNLIMITED
                    && tx.creditCount(user, board.id(), event, cycle) >= rule.maxPerCycle()) {
                continue;
            }
            tx.appendCredit(new NewCreditEntry(user, board.id(), event, rule.amount(), cycle, post, now));
        }
    }
}
