package org.forumkit.model;

import java.util.Objects;

/** Who wrote something: the host's user id and the display name they had at the time. */
public record Author(UserId id, String displayName) {
    public Author {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        if (displayName.isBlank()) {
            throw new IllegalArgumentException("displayName must not be blank");
        }
    }
}
