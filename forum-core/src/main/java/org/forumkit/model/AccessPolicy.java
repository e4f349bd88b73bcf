package org.forumkit.model;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/** A board's access policy: for each {@link Action}, the {@link Audience} allowed to perform it. */
public record AccessPolicy(Map<Action, Audience> rules) {

    /** Anyone may read; signed-in users may post, quote, vote and report. */
    public static final AccessPolicy DEFAULT = new AccessPolicy(Map.of(
            Action.VIEW, Audience.EVERYONE,
            Action.START_TOPIC, Audience.MEMBERS,
            Action.REPLY, Audience.MEMBERS,
            Action.QUOTE, Audience.MEMBERS,
            Action.VOTE, Audience.MEMBERS,
            Action.REPORT, Audience.MEMBERS));

    public AccessPolicy {
        Objects.requireNonNull(rules, "rules");
        for (Action action : Action.values()) {
            if (!rules.containsKey(action)) {
                throw new IllegalArgumentException("access policy has no audience for " + action);
            }
        }
        rules = Map.copyOf(rules);
    }

    public Audience audience(Action action) {
        return rules.get(action);
    }

    /** A copy of this policy with one action's audience replaced. */
    public AccessPolicy with(Action action, Audience audience) {
        Map<Action, Audience> copy = new EnumMap<>(rules);
        copy.put(action, Objects.requireNonNull(audience, "audience"));
        return new AccessPolicy(copy);
    }
}
