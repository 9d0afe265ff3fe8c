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
 * without use (every successful check renews it). Thread-safe.
 */
final class Sessions {
    private record Session(String username, Instant lastUse) {}

    private final SecureRandom random;
    private final Clock clock;
    private final Duration timeout;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    Sessions(SecureRandom random, Clock clock, Duration timeout) {
        this.random = random;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** A new session for {@code username}; sessions expired meanwhile are forgotten now. */
    String open(String username) {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> now.isAfter(s.lastUse().plus(timeout)));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        sessions.put(id, new Session(username, clock.instant()));
        return id;
    }

    /** The user of a live session, renewing it; empty (and forgotten) when unknown or expired. */
    Optional<String> use(String id) {
        Instant now = clock.instant();
        Session renewed = sessions.computeIfPresent(
                id, (k, s) -> now.isAfter(s.lastUse().plus(timeout)) ? null : new Session(s.username(), now));
        return Optional.ofNullable(renewed).map(Session::username);
    }

    void close(String id) {
        sessions.remove(id);
    }

    /** How many sessions are kept (live or expired but not yet forgotten). */
    int size() {
        return sessions.size();
    }
}
