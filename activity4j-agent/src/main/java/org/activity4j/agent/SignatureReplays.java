package org.activity4j.agent;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The signatures of the state-changing Landscape requests the agent accepted, each kept until its timestamp
 * leaves the signature window, so that a captured request cannot be sent again while it would still verify.
 * At most {@code capacity} are kept: when that many unexpired ones are remembered, new ones are refused
 * rather than let through unremembered. Thread-safe.
 *
 * <pre>{@code
 * SignatureReplays replays = new SignatureReplays(100_000);
 * replays.remember("KEY\nsignature", signedAt.plus(window), clock.instant());   // FIRST, then REPLAY
 * }</pre>
 */
final class SignatureReplays {
    /** What {@link #remember} found. */
    enum Verdict {
        /** Not seen before; remembered now. */
        FIRST,
        /** Seen before and not expired: a replay. */
        REPLAY,
        /** Not seen, but no room to remember it. */
        FULL
    }

    private final int capacity;
    private final Map<String, Instant> expiries = new HashMap<>();
    private final PriorityQueue<Map.Entry<Instant, String>> byExpiry = new PriorityQueue<>(Map.Entry.comparingByKey());

    SignatureReplays(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be 1 or more: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Remembers {@code signature} until {@code expiry}, unless it is remembered already or there is no room;
     * first forgets every signature that expired before {@code now}.
     */
    synchronized Verdict remember(String signature, Instant expiry, Instant now) {
        while (!byExpiry.isEmpty() && byExpiry.peek().getKey().isBefore(now)) {
            Map.Entry<Instant, String> old = byExpiry.poll();
            expiries.remove(old.getValue(), old.getKey());
        }
        if (expiries.containsKey(signature)) {
            return Verdict.REPLAY;
        }
        if (expiries.size() >= capacity) {
            return Verdict.FULL;
        }
        expiries.put(signature, expiry);
        byExpiry.add(Map.entry(expiry, signature));
        return Verdict.FIRST;
    }

    /** How many signatures are remembered now. */
    synchronized int size() {
        return expiries.size();
    }
}
