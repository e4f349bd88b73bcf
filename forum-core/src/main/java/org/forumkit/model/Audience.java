package org.forumkit.model;

import java.util.Objects;
import java.util.Set;

/** Who may perform an action: everyone, signed-in users, holders of given host roles, or nobody. */
public record Audience(Kind kind, Set<String> roles) {
    public static final Audience EVERYONE = new Audience(Kind.EVERYONE, Set.of());
    public static final Audience MEMBERS = new Audience(Kind.MEMBERS, Set.of());
    public static final Audience NOBODY = new Audience(Kind.NOBODY, Set.of());

    public enum Kind { EVERYONE, MEMBERS, ROLES, NOBODY }

    public Audience {
        Objects.requireNonNull(kind, "kind");
        roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
        if ((kind == Kind.ROLES) == roles.isEmpty()) {
            throw new IllegalArgumentException("an audience of kind " + kind
                    + (kind == Kind.ROLES ? " needs at least one role" : " takes no roles") + ", got " + roles);
        }
    }

    /** Signed-in users holding at least one of the given host roles. */
    public static Audience roles(String... roles) {
        return new Audience(Kind.ROLES, Set.of(roles));
    }
}
