package org.forumkit.examples.web;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.forumkit.model.Viewer;

/** A browser session of the demo host: who is signed in and the CSRF token of the session. */
final class Session {
    final String id;
    final String csrfToken;
    private volatile Viewer viewer = Viewer.anonymous();
    private volatile Instant lastSeen = Instant.now();

    Session(String id, String csrfToken) {
        this.id = id;
        this.csrfToken = csrfToken;
    }

    Viewer viewer() {
        return viewer;
    }

    void signIn(Viewer viewer) {
        this.viewer = viewer;
    }

    void touch() {
        lastSeen = Instant.now();
    }

    Instant lastSeen() {
        return lastSeen;
    }

    /** Compares in constant time, so the token cannot be guessed byte by byte from response times. */
    boolean csrfMatches(String presented) {
        return presented != null && MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
