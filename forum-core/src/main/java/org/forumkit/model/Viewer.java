package org.forumkit.model;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The person a call is made for, as the host knows them: an anonymous visitor or one of the host's
 * signed-in users. Forumkit has no login of its own; the host passes its user into every call.
 */
public sealed interface Viewer permits Viewer.Anonymous, Viewer.Member {

    /** An anonymous visitor. */
    static Viewer anonymous() {
        return Anonymous.INSTANCE;
    }

    /** A signed-in host user with the host's roles (for example {@code moderator}). */
    static Member user(String id, String displayName, String... roles) {
        return new Member(UserId.of(id), displayName, Set.of(roles));
    }

    /** The user id, empty for an anonymous visitor. */
    Optional<UserId> userId();

    /** The host roles of this viewer; empty for anonymous visitors. */
    Set<String> roles();

    default boolean isAnonymous() {
        return this instanceof Anonymous;
    }

    default boolean hasRole(String role) {
        return roles().contains(role);
    }

    /** An anonymous visitor. */
    record Anonymous() implements Viewer {
        static final Anonymous INSTANCE = new Anonymous();

        @Override
        public Optional<UserId> userId() {
            return Optional.empty();
        }

        @Override
        public Set<String> roles() {
            return Set.of();
        }
    }

    /** A signed-in user of the host application. */
    record Member(UserId id, String displayName, Set<String> roles) implements Viewer {
        public Member {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(displayName, "displayName");
            roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
        }

        @Override
        public Optional<UserId> userId() {
            return Optional.of(id);
        }
    }
}
