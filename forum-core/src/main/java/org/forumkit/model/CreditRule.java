package org.forumkit.model;

import java.util.Objects;

/**
 * A board's credit rule (本版积分规则): {@code amount} credits (negative to deduct) for each {@code event}, at most
 * {@code maxPerCycle} times per {@code cycle}.
 *
 * @param maxPerCycle how many times the rule applies per cycle (ignored for {@link CreditCycle#UNLIMITED}); at
 *                    least 1 otherwise
 */
public record CreditRule(CreditEvent event, long amount, CreditCycle cycle, int maxPerCycle) {
    public CreditRule {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(cycle, "cycle");
        if (cycle != CreditCycle.UNLIMITED && maxPerCycle < 1) {
            throw new IllegalArgumentException("maxPerCycle must be >= 1 for " + cycle + ", was " + maxPerCycle);
        }
    }

    public static CreditRule once(CreditEvent event, long amount) {
        return new CreditRule(event, amount, CreditCycle.ONCE, 1);
    }

    public static CreditRule daily(CreditEvent event, long amount, int maxPerDay) {
        return new CreditRule(event, amount, CreditCycle.DAILY, maxPerDay);
    }

    public static CreditRule always(CreditEvent event, long amount) {
        return new CreditRule(event, amount, CreditCycle.UNLIMITED, 0);
    }
}
