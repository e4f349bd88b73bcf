package org.forumkit.examples.web;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.forumkit.model.Viewer;

/**
 * The demo host's sessions, in memory: a random id in an HttpOnly, SameSite cookie, a CSRF token per session,
 * and a fresh id on sign-in so a session id planted before sign-in is worthless after it.
 */
final class Sessions {
    static final String COOKIE = "FORUMKIT_SESSION";
    private static final Duration IDLE = Duration.ofHours(12);
    private static final int MAX_SESSIONS = 100_000;

    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();

    Optional<Session> find(String id) {
        Session session = id == null ? null : sessions.get(id);
        if (session == null || session.lastSeen().isBefore(Instant.now().minus(IDLE))) {
            return Optional.empty();
        }
        session.touch();
        return Optional.of(session);
    }

    Session create() {
        if (sessions.size() >= MAX_SESSIONS) {
            Instant cutoff = Instant.now().minus(IDLE);
            sessions.values().removeIf(s -> s.lastSeen().isBefore(cutoff));
        }
        Session session = new Session(token(), token());
        sessions.put(session.id, session);
        return session;
    }

    /** Signs {@code viewer} in on a new session that replaces {@code old}. */
    Session signIn(Session old, Viewer viewer) {
        sessions.remove(old.id);
        Session fresh = create();
        fresh.signIn(viewer);
        return fresh;
    }

    void remove(Session session) {
        sessions.remove(session.id);
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
