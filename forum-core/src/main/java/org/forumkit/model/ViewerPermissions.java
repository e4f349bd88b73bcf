package org.forumkit.model;

import java.util.Objects;

/** What the viewer of a page may do there, decided in advance so the host can show the right controls. */
public record ViewerPermissions(
        Decision reply,
        Decision quote,
        Decision vote,
        Decision report,
        Decision startTopic,
        boolean moderate) {

    public ViewerPermissions {
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(vote, "vote");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(startTopic, "startTopic");
    }

    public boolean canReply() {
        return reply.allowed();
    }
}
