package org.forumkit.examples.web;

import java.io.Serializable;
import java.security.Principal;
import java.util.List;

/**
 * A demo user as Spring Security's principal: the name is the forum's user id, {@code displayName} the name shown
 * (read by the shipped viewer resolver, {@code forumkit.viewer.display-name=displayName}), the roles its
 * authorities. Serializable: it lives in the HTTP session.
 */
public final class DemoUser implements Principal, Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String displayName;
    private final List<String> roles;

    DemoUser(String name, String displayName, List<String> roles) {
        this.name = name;
        this.displayName = displayName;
        this.roles = List.copyOf(roles);
    }

    @Override
    public String getName() {
        return name;
    }

    public String getDisplayName() {
        return displayName;
    }

    List<String> roles() {
        return roles;
    }

    @Override
    public String toString() {
        return name;
    }
}
