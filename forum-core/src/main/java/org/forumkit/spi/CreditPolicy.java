package org.forumkit.spi;

import java.util.List;
import org.forumkit.model.Board;
import org.forumkit.model.CreditRule;

/** A host hook giving each board's credit rules (本版积分规则); none by default. */
@FunctionalInterface
public interface CreditPolicy {
    /** No credits anywhere (the default): writes pay nothing for it. */
    CreditPolicy NONE = board -> List.of();

    List<CreditRule> forBoard(Board board);

    /** The same rules on every board. */
    static CreditPolicy everywhere(List<CreditRule> rules) {
        List<CreditRule> copy = List.copyOf(rules);
        return board -> copy;
    }
}
