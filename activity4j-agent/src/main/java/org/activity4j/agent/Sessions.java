package org.activity4j.agent;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * temBoard sessions: 64 lowercase hex digits from a {@link SecureRandom}, each expiring after {@code timeout}
 * without use (every successful check renews it) and in any case {@code lifetime} after it was opened, however
 * much it is used. Expired sessions are forgotten by {@link #forgetExpired()}, which the agent runs on a timer,
 * and when a session is opened. Thread-safe.
 */
final class Sessions {
    private record Session(String username, Instant opened, Instant lastUse) {}

    private final SecureRandom random;
    private final Clock clock;
    private final Duration timeout;
    private final Duration lifetime;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    Sessions(SecureRandom random, Clock clock, Duration timeout, Duration lifetime) {
        this.random = random;
        this.clock = clock;
        this.timeout = timeout;
        this.lifetime = lifetime;
    }

    /** A new session for {@code username}; sessions expired meanwhile are forgotten now. */
    String open(String username) {
        forgetExpired();
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        Instant now = clock.instant();
        sessions.put(id, new Session(username, now, now));
        return id;
    }

    /** The user of a live session, renewing it; empty (and forgotten) when unknown or expired. */
    Optional<String> use(String id) {
        Instant now = clock.instant();
        Session renewed = sessions.computeIfPresent(
                id, (k, s) -> expired(s, now) ? null : new Session(s.username(), s.opened(), now));
        return Optional.ofNullable(renewed).map(Session::username);
    }

    void close(String id) {
        sessions.remove(id);
    }

    /** Forgets every expired session. */
    void forgetExpired() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> expired(s, now));
    }

    /** How many sessions are kept (live or expired but not yet forgotten). */
    int size() {
        return sessions.size();
    }

    private boolean expired(Session s, Instant now) {
        return now.isAfter(s.lastUse().plus(timeout)) || now.isAfter(s.opened().plus(lifetime));
    }
}
