package org.forumkit.model;

import java.util.Optional;

/** The answer to "may this viewer do that?": allowed, or denied with a reason. */
public record Decision(boolean allowed, DenialReason reason) {
    public static final Decision ALLOW = new Decision(true, null);

    public Decision {
        if (allowed == (reason != null)) {
            throw new IllegalArgumentException(allowed ? "an allowed decision has no reason" : "a denial needs a reason");
        }
    }

    public static Decision deny(DenialReason reason) {
        return new Decision(false, reason);
    }

    public Optional<DenialReason> optionalReason() {
        return Optional.ofNullable(reason);
    }
}
